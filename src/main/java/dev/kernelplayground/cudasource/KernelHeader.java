package dev.kernelplayground.cudasource;

import dev.kernelplayground.problem.ReferenceCheck;
import java.util.List;

/**
 * The {@code // @kp ...} header of a kernel file: what it teaches, which reference checks it, and how to launch
 * each of its kernels (one launch block per kernel, run in order; most files have one).
 *
 * @param teaches the {@code @kp teaches:} lines joined into one paragraph
 * @param check the reference that checks the output
 * @param launches one per {@code @kp kernel:} block, in file order
 */
public record KernelHeader(String teaches, ReferenceCheck check, List<LaunchSpec> launches) {
  public KernelHeader {
    launches = List.copyOf(launches);
  }

  /** The kernel names in launch order. */
  public List<String> kernelNames() {
    return launches.stream().map(LaunchSpec::kernelName).toList();
  }
}
