package dev.kernelplayground.cli;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -g/--gpu NAME}: which Ada part a command describes, declared once. */
final class GpuOption {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(
      names = {"-g", "--gpu"},
      defaultValue = "4090",
      paramLabel = "NAME",
      description = "Which Ada part (default: ${DEFAULT-VALUE}); one of: 4090, 4080, 4070, l4, l40s, 6000-ada.")
  String name;

  /** The part named, or a usage error listing the known names. */
  GpuSpec spec() {
    return AdaGpus.find(name).orElseThrow(() -> new ParameterException(mixee.commandLine(),
        "Unknown GPU '" + name + "'; known: " + AdaGpus.knownNames()));
  }
}
