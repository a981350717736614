package dev.kernelplayground.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.device.BackendStatus;
import dev.kernelplayground.device.DeviceDiscovery;
import dev.kernelplayground.report.Units;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kp devices}: what this machine can run on. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "List the backends (cuda, opencl, emulator, java), what this machine has for each, and what runs there.")
final class DevicesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<BackendStatus> statuses = DeviceDiscovery.discover();
    spec.commandLine()
        .getOut()
        .println(
            AsciiTable.getTable(
                AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
                statuses,
                List.of(
                    new Column().header("backend").dataAlign(HorizontalAlign.LEFT).with(s -> s.backend().id()),
                    new Column().header("found").with(s -> s.found() ? "yes" : "no"),
                    new Column().header("what this machine has").dataAlign(HorizontalAlign.LEFT).maxWidth(70).with(BackendStatus::detail),
                    new Column().header("runs here").dataAlign(HorizontalAlign.LEFT).maxWidth(50).with(BackendStatus::runsHere))));
    var out = spec.commandLine().getOut();
    out.println();
    out.println("Java kernels run on (kp run KERNEL --backend ID):");
    out.println(
        AsciiTable.getTable(
            AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS,
            AparapiDeviceList.list(),
            List.of(
                new Column().header("ID").dataAlign(HorizontalAlign.LEFT).with(AparapiDevice::id),
                new Column().header("device").dataAlign(HorizontalAlign.LEFT).maxWidth(40).with(AparapiDevice::name),
                new Column().header("vendor").dataAlign(HorizontalAlign.LEFT).maxWidth(40).with(AparapiDevice::vendor),
                new Column().header("type").with(AparapiDevice::type),
                new Column().header("compute units").dataAlign(HorizontalAlign.RIGHT).with(d -> String.valueOf(d.computeUnits())),
                new Column().header("local memory").dataAlign(HorizontalAlign.RIGHT).with(d -> d.isOpenCl() ? Units.bytes(d.localMemoryBytes()) : "—"),
                new Column().header("max work-group").dataAlign(HorizontalAlign.RIGHT).with(d -> d.isOpenCl() ? String.valueOf(d.maxWorkGroupSize()) : "—"),
                new Column().header("global memory").dataAlign(HorizontalAlign.RIGHT).with(d -> d.isOpenCl() ? Units.bytes(d.globalMemoryBytes()) : "Java heap"))));
    if (AparapiDeviceList.openCl().isEmpty()) {
      out.println("No OpenCL device: Java kernels run only on Aparapi's Java thread pool (Debian: apt-get install pocl-opencl-icd ocl-icd-libopencl1).");
    }
    out.flush();
    return 0;
  }
}
