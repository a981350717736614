package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.device.KernelLaunch;
import dev.kernelplayground.run.KernelCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernels/ file bound to its problem ({@link BoundKernel}) as a case for {@code run.Trial} on the
 * emulator: the file compiled once, every launch of the file run in order per run (attention's naive
 * version is three), inputs passed read-only (fp16 inputs as their 16-bit patterns), scratch buffers
 * filled with NaN so that a kernel reading what nobody wrote fails its check. Timings are CPU timings.
 */
public final class EmulatedKernelCases {
  private EmulatedKernelCases() {}

  /** The case, with each launch stopped after {@code timeout}. */
  public static KernelCase of(BoundKernel bound, Duration timeout) {
    EmulatedModule module = Emulator.compile(bound.source().path());
    KernelLaunch launch = out -> runAll(module, bound, out, timeout);
    return KernelCase.wallClockTimed("emulator:" + bound.id(), bound.problem(), launch, 1, bound.check().precision());
  }

  private static ExecutionTarget runAll(EmulatedModule module, BoundKernel bound, float[] out, Duration timeout) {
    Map<String, Object> scratch = new HashMap<>();
    for (KernelArg.Buffer s : bound.scratchBuffers()) {
      scratch.put(s.name(), newScratch(s));
    }
    ExecutionTarget where = module.target();
    for (BoundLaunch l : bound.launches()) {
      List<KernelArg> args = new ArrayList<>();
      for (KernelArg a : l.args()) {
        args.add(a instanceof KernelArg.Buffer b ? b.holding(values(b, bound, out, scratch)) : a);
      }
      where = module.launch(l.kernelName(), l.dims(), args, timeout).target();
    }
    return where;
  }

  /** The array a bound buffer is passed as: its input (fp16 inputs as 16-bit patterns), the output, or scratch. */
  private static Object values(KernelArg.Buffer b, BoundKernel bound, float[] out, Map<String, Object> scratch) {
    return switch (b.access()) {
      case IN -> b.element() == ElementType.HALF ? bound.inputHalfBits(b.name()) : bound.inputValues(b.name());
      case OUT -> out;
      case IN_OUT -> scratch.get(b.name());
    };
  }

  private static Object newScratch(KernelArg.Buffer s) {
    if (s.elements() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "scratch buffer " + s.name() + " needs " + s.elements() + " elements, more than the emulator can pass");
    }
    int n = (int) s.elements();
    if (s.element() == ElementType.HALF) {
      short[] halves = new short[n];
      Arrays.fill(halves, (short) 0x7E00); // fp16 NaN
      return halves;
    }
    float[] floats = new float[n];
    Arrays.fill(floats, Float.NaN);
    return floats;
  }
}
