package dev.kernelplayground.cli;

import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.emulator.TrafficCountsRecorder;
import dev.kernelplayground.profile.TrafficCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kp gpu-counts}: the emulator's traffic counts of the kernels/ files, for the GPU report's lower bounds
 * (tests/gpu/bundle.sh runs it; {@code kp gpu-verify --counts FILE} reads the file on the GPU machine).
 */
@Command(
    name = "gpu-counts",
    description = {
      "Profile every kernels/ file on the emulator at its family's smallest benchmark size and write the counts",
      "(one JSON file) that kp gpu-verify turns into a lower bound for the GPU it runs on. Needs g++ or clang++."
    })
final class GpuCountsCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE", defaultValue = "target/gpu-bundle/" + TrafficCounts.FILE_NAME,
      description = "Where the counts go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--family", split = ",", paramLabel = "FAMILY", description = "Only these kernel families (default: all).")
  List<String> families;

  @Mixin SeedOption seed;

  @Override
  public Integer call() throws IOException {
    KernelLibrary library = KernelLibrary.find();
    List<Path> files = new ArrayList<>();
    if (families == null) {
      files.addAll(library.allFiles());
    } else {
      families.forEach(f -> files.addAll(library.files(f.strip())));
    }
    PrintStream progress = System.out;
    long inputs = seed.seedOrNew();
    TrafficCounts counts = TrafficCountsRecorder.record(files, inputs, progress);
    counts.write(out);
    progress.println("counts of " + counts.rows().size() + " files (inputs from seed " + inputs + "): " + out);
    return 0;
  }
}
