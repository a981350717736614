package dev.kernelplayground.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.kernelplayground.device.BackendStatus;
import dev.kernelplayground.device.DeviceDiscovery;
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
    return 0;
  }
}
