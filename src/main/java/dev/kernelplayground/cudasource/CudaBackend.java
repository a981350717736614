package dev.kernelplayground.cudasource;

import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.run.KernelCase;

/**
 * Where CUDA C runs: the emulator (on the CPU) or a GPU. Both take a {@link BoundKernel} and give a case that
 * {@code run.Trial} checks and times: each run runs every launch of the file in order; the check uses the
 * header's output tile ({@link BoundKernel#outputTile()}); each timed run says what its clock measured (CUDA
 * events on a GPU, the emulator's own kernel time on the CPU). A backend compiles each source once and keeps
 * the result for later runs of the same text.
 *
 * <pre>{@code
 * BoundKernel bound = BoundKernel.bind(KernelSource.load(file), sizes, seed);
 * TrialResult r = Trial.run(backend.prepare(bound), BenchConfig.DEFAULT, backend.cacheFlush());
 * }</pre>
 */
public interface CudaBackend {
  /** Where the kernels run, for a "backend:" line, e.g. "cuda · NVIDIA H200". */
  String describe();

  /**
   * The bound kernel compiled (or found compiled) for this backend and ready to check and time.
   *
   * @throws RuntimeException the backend's own when the file does not compile (the message shows its lines)
   */
  KernelCase prepare(BoundKernel bound);

  /** What empties the caches between timed runs: the GPU's L2 flush, nothing on the CPU. */
  CacheFlush cacheFlush();
}
