package dev.kernelplayground.notebook;

import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.emulator.KernelSignature;
import dev.kernelplayground.emulator.LaunchResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One kernel of a {@code %%cuda} cell, launched with Java values ({@link Cuda#kernel}). */
public final class RawKernel {
  private final String name;
  private final EmulatedModule module;
  private final EmulatorBackend emulator;
  private final int dynamicSharedBytes;

  RawKernel(String name, EmulatedModule module, EmulatorBackend emulator) {
    this(name, module, emulator, 0);
  }

  private RawKernel(String name, EmulatedModule module, EmulatorBackend emulator, int dynamicSharedBytes) {
    this.name = name;
    this.module = module;
    this.emulator = emulator;
    this.dynamicSharedBytes = dynamicSharedBytes;
  }

  /** The same kernel, launched with this many bytes of dynamic shared memory. */
  public RawKernel smem(int bytes) {
    return new RawKernel(name, module, emulator, bytes);
  }

  /**
   * Runs {@code name<<<grid, block, smem>>>(args...)}: arrays ({@code float[]}, {@code int[]}, {@code short[]})
   * for pointer parameters, numbers for scalars, or {@link KernelArg}s. Output arrays are filled in.
   */
  public RawLaunch launch(Cuda.Dim grid, Cuda.Dim block, Object... args) {
    KernelSignature signature = module.signature(name.replaceAll("<.*$", ""))
        .orElseThrow(() -> new IllegalArgumentException("no kernel " + name + " in " + module.displayName()));
    if (args.length != signature.declarations().size()) {
      throw new IllegalArgumentException(signature + " takes " + signature.declarations().size() + " arguments, but "
          + args.length + " were given");
    }
    List<KernelArg> kernelArgs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      kernelArgs.add(argument(signature, i, args[i]));
      labels.add(signature.parameters().get(i));
    }
    LaunchDims dims = new LaunchDims(grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z(), dynamicSharedBytes);
    LaunchResult result = module.withSchedule(emulator.schedule()).withSanitize(emulator.sanitize())
        .launch(name, dims, kernelArgs);
    return new RawLaunch(name, dims, result, labels, kernelArgs);
  }

  private static KernelArg argument(KernelSignature signature, int i, Object value) {
    String parameter = "argument " + (i + 1) + " of " + signature + ", '" + signature.parameters().get(i) + "'";
    if (value instanceof KernelArg stated) {
      return stated;
    }
    if (signature.pointer(i)) {
      if (!(value instanceof float[] || value instanceof int[] || value instanceof short[])) {
        throw new IllegalArgumentException(parameter + " is a pointer: pass a float[], int[] or short[] (or"
            + " KernelArg.in/out/inOut of one), not " + describe(value));
      }
      if (signature.readOnlyPointer(i)) {
        return KernelArg.in(value);
      }
      if (value instanceof float[] f) {
        Arrays.fill(f, Float.NaN); // what the kernel never writes shows as NaN
      }
      return KernelArg.out(value);
    }
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(parameter + " is a scalar: pass a number, not " + describe(value));
    }
    return signature.floatingPoint(i) ? KernelArg.of(number.floatValue()) : KernelArg.of(number.longValue());
  }

  private static String describe(Object value) {
    return value == null ? "null" : "a " + value.getClass().getSimpleName();
  }
}
