package dev.kernelplayground.cudasource;

import java.util.List;

/**
 * One kernel launch of a bound file: {@code kernelName<<<dims>>>(args...)}, with every argument resolved.
 *
 * @param kernelName the {@code __global__} function, as named in the PTX ({@code extern "C"})
 * @param headerLine the header line of its {@code @kp kernel:}, for messages
 * @param dims grid, block and dynamic shared memory
 * @param args the arguments in the kernel's parameter order
 */
public record BoundLaunch(String kernelName, int headerLine, LaunchDims dims, List<KernelArg> args) {
  public BoundLaunch {
    args = List.copyOf(args);
  }

  /** E.g. "sgemm_naive<<<grid (2, 1, 1) × block (32, 32, 1), 0 B dynamic shared memory>>>(a, b, out, m=37, ...)". */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(kernelName).append("<<<").append(dims).append(">>>(");
    for (int i = 0; i < args.size(); i++) {
      KernelArg arg = args.get(i);
      text.append(i == 0 ? "" : ", ").append(arg.name());
      switch (arg) {
        case KernelArg.IntScalar s -> text.append('=').append(s.value());
        case KernelArg.FloatScalar s -> text.append('=').append(s.value());
        case KernelArg.Buffer b -> text.append('[').append(b.elements()).append(' ').append(b.element().cName())
            .append(']');
      }
    }
    return text.append(')').toString();
  }
}
