package dev.kernelplayground.notebook;

import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.emulator.BufferSummary;
import dev.kernelplayground.emulator.LaunchResult;
import java.util.List;
import java.util.Locale;

/**
 * What an ad-hoc launch did: where it ran, its CPU time, and per output argument its first values and how
 * many elements the kernel never wrote (as text, one line each).
 */
public record RawLaunch(String kernel, LaunchDims dims, LaunchResult result, List<String> names, List<KernelArg> args) {
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s<<<(%d,%d,%d), (%d,%d,%d), %d>>> ran on %s%n",
        kernel, dims.gridX(), dims.gridY(), dims.gridZ(), dims.blockX(), dims.blockY(), dims.blockZ(),
        dims.dynamicSharedBytes(), result.target().label()));
    b.append(String.format(Locale.ROOT, "  CPU time (not GPU performance): %.3f ms%n", result.kernelTime().toNanos() / 1e6));
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof KernelArg.Buffer buffer && buffer.access() != KernelArg.Access.IN) {
        b.append(String.format(Locale.ROOT, "  %-12s %s%n", names.get(i), BufferSummary.of(buffer)));
      }
    }
    if (!result.printed().isEmpty()) {
      b.append("printf output:\n").append(result.printed());
    }
    return b.toString();
  }
}
