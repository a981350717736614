package dev.kernelplayground.notebook;

/**
 * Ad-hoc launches of the kernels of {@code %%cuda} cells, header or not, in the style of CuPy's RawKernel:
 *
 * <pre>{@code
 * float[] x = ..., y = ..., out = new float[n];
 * Cuda.kernel("saxpy").launch(Cuda.grid(Cuda.cdiv(n, 256)), Cuda.block(256), 2.0f, x, y, out, n);
 * }</pre>
 *
 * Java arrays are copied in and out: a {@code const T*} parameter's array is an input, any other pointer's an
 * output (its buffer starts as NaN, so what the kernel never wrote shows); {@code KernelArg.in/out/inOut(array)}
 * states it instead. Launches are bounds-checked on the emulator like every launch.
 */
public final class Cuda {
  private Cuda() {}

  /** A grid or block shape. */
  public record Dim(int x, int y, int z) {
    @Override
    public String toString() {
      return "(" + x + "," + y + "," + z + ")";
    }
  }

  /** The kernel of this name from the {@code %%cuda} cells run so far. */
  public static RawKernel kernel(String name) {
    NotebookSession session = NotebookSession.current();
    return new RawKernel(name, session.cuda().moduleOf(name), session.emulator());
  }

  public static Dim grid(int x) {
    return new Dim(x, 1, 1);
  }

  public static Dim grid(int x, int y) {
    return new Dim(x, y, 1);
  }

  public static Dim grid(int x, int y, int z) {
    return new Dim(x, y, z);
  }

  public static Dim block(int x) {
    return new Dim(x, 1, 1);
  }

  public static Dim block(int x, int y) {
    return new Dim(x, y, 1);
  }

  public static Dim block(int x, int y, int z) {
    return new Dim(x, y, z);
  }

  /** {@code ceil(n / d)}, the usual block count. */
  public static int cdiv(long n, int d) {
    return (int) ((n + d - 1) / d);
  }
}
