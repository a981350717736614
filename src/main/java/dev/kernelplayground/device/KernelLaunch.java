package dev.kernelplayground.device;

/**
 * One run of a kernel on its inputs, writing into {@code out}. It returns where the kernel really
 * executed, as told by the backend that ran it: a backend that fell back somewhere else says so here.
 */
@FunctionalInterface
public interface KernelLaunch {
  ExecutionTarget run(float[] out);
}
