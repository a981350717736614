package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.BoundArg;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.ElementType;
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
    for (BoundArg.Scratch s : bound.scratchBuffers()) {
      scratch.put(s.name(), newScratch(s));
    }
    ExecutionTarget where = module.target();
    for (BoundLaunch l : bound.launches()) {
      List<Arg> args = new ArrayList<>();
      for (BoundArg a : l.args()) {
        args.add(arg(a, bound, out, scratch));
      }
      var d = l.dims();
      where =
          module
              .launch(l.kernelName(), new Dim3(d.gridX(), d.gridY(), d.gridZ()), new Dim3(d.blockX(), d.blockY(), d.blockZ()),
                  d.dynamicSharedBytes(), args, timeout)
              .target();
    }
    return where;
  }

  private static Arg arg(BoundArg a, BoundKernel bound, float[] out, Map<String, Object> scratch) {
    return switch (a) {
      case BoundArg.Input in ->
          in.element() == ElementType.HALF
              ? new Arg.Halves(bound.inputHalfBits(in.name()), Arg.Access.IN)
              : new Arg.Floats(bound.inputValues(in.name()), Arg.Access.IN);
      case BoundArg.Output o -> new Arg.Floats(out, Arg.Access.OUT);
      case BoundArg.Scratch s ->
          scratch.get(s.name()) instanceof short[] halves
              ? new Arg.Halves(halves, Arg.Access.IN_OUT)
              : new Arg.Floats((float[]) scratch.get(s.name()), Arg.Access.IN_OUT);
      case BoundArg.IntScalar i -> new Arg.IntValue(i.value());
      case BoundArg.FloatScalar f -> new Arg.FloatValue(f.value());
    };
  }

  private static Object newScratch(BoundArg.Scratch s) {
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
