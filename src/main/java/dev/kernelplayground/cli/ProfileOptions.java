package dev.kernelplayground.cli;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.report.ProfileJson;
import dev.kernelplayground.report.ProfileText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --profile}, {@code --profile-json FILE} and {@code --profile-gpu}: the emulator's profiler, shared by kp emulate and kp run. */
final class ProfileOptions {
  @Option(names = "--profile",
      description = "Count the kernel's memory traffic per source line on the emulator (sectors, bank conflicts) and print it with a lower bound for an RTX 4090 (a bound from counted traffic, not a measurement).")
  boolean profile;

  @Option(names = "--profile-json", paramLabel = "FILE", description = "Also write the profile as JSON to FILE (implies --profile).")
  Path json;

  @Option(names = "--profile-gpu", paramLabel = "GPU", defaultValue = "4090",
      description = "The Ada GPU the bound is for: ${COMPLETION-CANDIDATES:-4090, 4080, 4070, l4, l40s, 6000-ada}. Default: 4090.")
  String gpu;

  /** Whether the run is profiled. */
  boolean on() {
    return profile || json != null;
  }

  GpuSpec gpu() {
    return AdaGpus.byName(gpu);
  }

  /** Prints each kernel's report and writes the JSON when asked. */
  void report(List<KernelProfile> profiles, PrintWriter out) throws IOException {
    GpuSpec spec = gpu();
    for (KernelProfile p : profiles) {
      out.println();
      out.print(ProfileText.of(p, spec));
    }
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(json, ProfileJson.of(profiles, spec));
      out.println("profile JSON: " + json);
    }
  }
}
