package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Expected;
import java.util.Map;

/**
 * One instance of a kernel's task: inputs drawn at random from a seed, the expected output from the
 * float64 reference, and the work a kernel does on it.
 */
public interface Problem {
  /** The task and its shape in words, e.g. "matmul 1000×777×513". */
  String describe();

  /** The seed the inputs were drawn from: the same seed gives the same inputs. */
  long seed();

  /** The inputs by name, in argument order. Kernels read them; the checker watches they stay unchanged. */
  Map<String, float[]> inputs();

  /** The number of output elements. */
  int outputSize();

  /** The reference output and its error bounds, computed on first use. */
  Expected expected();

  Workload workload();
}
