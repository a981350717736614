package dev.kernelplayground.cli;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.device.BackendStatus;
import dev.kernelplayground.device.DeviceDiscovery;
import dev.kernelplayground.process.SignalChaining;
import dev.kernelplayground.report.Units;
import dev.kernelplayground.report.TextTable;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kp devices}: what this machine can run on. */
@Command(
    name = "devices",
    description = "List the backends (cuda, opencl, emulator, java), what this machine has for each, and what runs there.")
final class DevicesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<BackendStatus> statuses = DeviceDiscovery.discover();
    spec.commandLine()
        .getOut()
        .println(
            TextTable.of(statuses)
                .left("backend", s -> s.backend().id())
                .column("found", s -> s.found() ? "yes" : "no")
                .left("what this machine has", 70, BackendStatus::detail)
                .left("runs here", 50, BackendStatus::runsHere)
                .text());
    var out = spec.commandLine().getOut();
    out.println();
    out.println("Java kernels run on (kp run KERNEL --backend ID):");
    out.println(
        TextTable.of(AparapiDeviceList.list())
            .left("ID", AparapiDevice::id)
            .left("device", 40, AparapiDevice::name)
            .left("vendor", 40, AparapiDevice::vendor)
            .column("type", AparapiDevice::type)
            .right("compute units", d -> String.valueOf(d.computeUnits()))
            .right("local memory", d -> d.isOpenCl() ? Units.bytes(d.localMemoryBytes()) : "—")
            .right("max work-group", d -> d.isOpenCl() ? String.valueOf(d.maxWorkGroupSize()) : "—")
            .right("global memory", d -> d.isOpenCl() ? Units.bytes(d.globalMemoryBytes()) : "Java heap")
            .text());
    if (AparapiDeviceList.openCl().isEmpty()) {
      out.println("No OpenCL device: Java kernels run only on Java threads (jtp) (Debian: apt-get install pocl-opencl-icd ocl-icd-libopencl1).");
    } else if (SignalChaining.missingAdvice() != null) {
      out.println("Warning: Java kernels on OpenCL will fail to build now and then: " + SignalChaining.missingAdvice() + ".");
    }
    out.flush();
    return 0;
  }
}
