package dev.kernelplayground.run;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.TimedLaunch;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.problem.Problem;

/**
 * A kernel bound to a problem and a backend, ready to check and time.
 *
 * @param kernel the kernel's name
 * @param problem its inputs, reference and work counts
 * @param launch runs it once into an output buffer on its backend
 * @param timer runs it once and times it with the backend's own clock
 * @param tile the output tile one block computes ({@link Tile#NONE} when untiled): the error map's cell
 * @param precision the arithmetic whose peak the roofline compares it with on a GPU
 */
public record KernelCase(
    String kernel,
    Problem problem,
    KernelLaunch launch,
    TimedLaunch timer,
    Tile tile,
    Precision precision) {

  /** A kernel with a square tile of {@code tile} × {@code tile} (1 when untiled). */
  public KernelCase(
      String kernel, Problem problem, KernelLaunch launch, TimedLaunch timer, int tile, Precision precision) {
    this(kernel, problem, launch, timer, Tile.square(tile), precision);
  }

  /**
   * A kernel timed by the wall clock around each launch: the CPU backends, and Aparapi, whose
   * {@code execute} includes its copies to and from the device.
   */
  public static KernelCase wallClockTimed(
      String kernel, Problem problem, KernelLaunch launch, int tile, Precision precision) {
    return new KernelCase(kernel, problem, launch, TimedLaunch.wallClock(launch), tile, precision);
  }
}
