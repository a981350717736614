package dev.kernelplayground.cli;

import dev.kernelplayground.jcuda.GpuReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code kp gpu-verify}: the GPU report that tests/gpu/verify.sh runs — checks on odd shapes and the
 * benchmark matrix against cuBLAS, written as Markdown under docs/gpu-reports/. Without a GPU it says so.
 */
@Command(
    name = "gpu-verify",
    mixinStandardHelpOptions = true,
    description = {
      "On a machine with an NVIDIA GPU: check the CUDA kernels and benchmark them against cuBLAS and the",
      "device's peak bandwidth; writes docs/gpu-reports/DATE-GPU.md. Options are GpuReport's:",
      "--out DIR, --quick, --require-gpu, --note TEXT. tests/gpu/verify.sh runs this and the gpu tests."
    })
final class GpuVerifyCommand implements Callable<Integer> {
  /** Everything after the command goes to the report as it is. */
  @Unmatched List<String> options;

  @Override
  public Integer call() {
    return GpuReport.run(options == null ? new String[0] : options.toArray(String[]::new), System.out, System.err);
  }
}
