package dev.kernelplayground.emulator;

import dev.kernelplayground.device.ExecutionTarget;
import java.time.Duration;

/**
 * What one emulated launch did. Its time is CPU time of the emulation, never a GPU timing.
 *
 * @param target where it ran: the emulator, on this many CPU threads
 * @param kernelTime wall-clock time of the blocks running (without process start and buffer transfer)
 * @param cpuTime CPU time the emulator's threads spent running the blocks (all cores together)
 * @param threadPhases how many times a CUDA thread ran from one barrier (or its start) to the next
 * @param printed what the kernel's printf calls wrote
 * @param profile what the profiler counted, or null when the launch was not profiled
 */
public record LaunchResult(
    ExecutionTarget target, Duration kernelTime, Duration cpuTime, long threadPhases, String printed,
    dev.kernelplayground.profile.KernelProfile profile) {
  public LaunchResult(ExecutionTarget target, Duration kernelTime, Duration cpuTime, long threadPhases, String printed) {
    this(target, kernelTime, cpuTime, threadPhases, printed, null);
  }

  /** Emulated thread-phases per second of kernel time. */
  public double threadPhasesPerSecond() {
    double seconds = kernelTime.toNanos() / 1e9;
    return seconds > 0 ? threadPhases / seconds : 0;
  }
}
