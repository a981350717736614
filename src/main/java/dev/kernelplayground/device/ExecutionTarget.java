package dev.kernelplayground.device;

/**
 * Where a kernel really executed: the backend and the device. Every check and timing carries one, and it
 * is reported by the code that ran the kernel, never assumed from what was asked for.
 *
 * @param backend the backend that executed the kernel
 * @param device the device in words, e.g. "2 Java threads on the CPU" or "NVIDIA H100 80GB HBM3"
 * @param gpu true when the device is a GPU (OpenCL can also be a GPU); only then is a timing put next to
 *     GPU peaks
 */
public record ExecutionTarget(Backend backend, String device, boolean gpu) {
  public static ExecutionTarget javaThreads(int threads) {
    return new ExecutionTarget(
        Backend.JAVA, threads + " Java thread" + (threads == 1 ? "" : "s") + " on the CPU", false);
  }

  /** The plain-Java baselines: ordinary loops, parallel over rows on the common fork-join pool. */
  public static ExecutionTarget plainJavaLoops() {
    int threads = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
    return new ExecutionTarget(
        Backend.JAVA, "plain Java loops on " + threads + " thread" + (threads == 1 ? "" : "s"), false);
  }

  /** Short label for tables, e.g. "java · 2 Java threads on the CPU". */
  public String label() {
    return backend.id() + " · " + device;
  }
}
