package dev.kernelplayground.compile;

import dev.kernelplayground.ada.LaunchConfig;
import dev.kernelplayground.ada.Occupancy;
import dev.kernelplayground.ada.OccupancyAdvice;
import dev.kernelplayground.ada.OccupancyResult;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.cudasource.LaunchDims;

/**
 * Occupancy of a compiled kernel: its registers and static shared memory from ptxas, its block size and dynamic
 * shared memory from the header's launch, through {@link Occupancy#of(SmLimits, LaunchConfig)}; plus
 * {@link OccupancyAdvice}'s hint on what binds and what would raise it.
 *
 * @param report what ptxas said the kernel uses
 * @param launch the launch it was computed for
 * @param result the occupancy calculation
 * @param hint what would raise occupancy, in plain words
 */
public record KernelOccupancy(ResourceReport report, LaunchDims launch, OccupancyResult result, String hint) {

  /**
   * Occupancy on one {@code sm} SM. A block with more than 48 KB of shared memory is assumed to have opted in
   * (as it must to launch at all).
   */
  public static KernelOccupancy of(SmLimits sm, ResourceReport report, LaunchDims launch) {
    long shared = (long) report.staticSharedBytes() + launch.dynamicSharedBytes();
    LaunchConfig config = new LaunchConfig(
        launch.threadsPerBlock(),
        report.registers(),
        report.staticSharedBytes(),
        launch.dynamicSharedBytes(),
        shared > sm.sharedPerBlockBytes(),
        LaunchConfig.DEFAULT_CARVEOUT);
    OccupancyResult result = Occupancy.of(sm, config);
    return new KernelOccupancy(report, launch, result, OccupancyAdvice.hint(result));
  }
}
