package dev.kernelplayground.cli;

import dev.kernelplayground.jcuda.GpuReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kp gpu-verify}: the GPU report that tests/gpu/verify.sh runs — checks on odd shapes and the
 * benchmark matrix against cuBLAS, written as Markdown under docs/gpu-reports/. Without a GPU it says so.
 */
@Command(
    name = "gpu-verify",
    description = {
      "On a machine with an NVIDIA GPU: check the CUDA kernels and benchmark them against cuBLAS and the",
      "device's peak bandwidth; writes docs/gpu-reports/DATE-GPU.md. tests/gpu/verify.sh runs this and the",
      "gpu tests. Exit status: 0 passed (or no GPU), 1 a check or benchmark failed, 2 bad options, 3 no",
      "usable GPU with --require-gpu."
    })
final class GpuVerifyCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/gpu-reports",
      description = "Folder of the report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quick", description = "Small sizes: a smoke test.")
  boolean quick;

  @Option(names = "--require-gpu", description = "No usable GPU is a failure (exit status 3), not \"nothing to verify\".")
  boolean requireGpu;

  @Option(names = "--strict", description = "A run that proves less than it could fails: a check or benchmark row"
      + " not run (a kernels/ file among them), no cuBLAS baseline, a speed goal not measured.")
  boolean strict;

  @Option(names = "--counts", paramLabel = "FILE", description = "The emulator's traffic counts (kp gpu-counts;"
      + " tests/gpu/bundle.sh writes them), for the lower bounds (default: traffic-counts.json beside kp.jar).")
  Path counts;

  @Option(names = "--note", paramLabel = "TEXT", description = "A line for the report, as it is (repeatable).")
  List<String> notes = new ArrayList<>();

  @Override
  public Integer call() {
    return GpuReport.run(new GpuReport.Options(out, quick, requireGpu, notes, strict, counts), System.out, System.err);
  }
}
