package dev.kernelplayground.jcuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * {@link CublasBinding} over java.lang.foreign (Java 22+): downcall handles on a cuBLAS shared library (cuBLAS
 * 12 or 13: the _v2 entry points and cublasGemmEx have the same C signatures in both). Made by {@link
 * CublasLibrary} through {@link #open}, by name, so that code compiled for Java 21 never links this class.
 */
final class ForeignCublas implements CublasBinding {
  private static final Linker LINKER = Linker.nativeLinker();

  private final String library;
  private final MethodHandle create;
  private final MethodHandle setStream;
  private final MethodHandle sgemm;
  private final MethodHandle gemmEx;
  private final MethodHandle getVersion;
  private final MethodHandle destroy;
  /** alpha then beta, host memory the gemm calls point at; the calls are synchronized. */
  private final MemorySegment scalars = Arena.global().allocate(JAVA_FLOAT, 2);

  private ForeignCublas(String library, SymbolLookup lookup) {
    this.library = library;
    create = handle(lookup, "cublasCreate_v2", ADDRESS);
    setStream = handle(lookup, "cublasSetStream_v2", ADDRESS, ADDRESS);
    sgemm =
        handle(lookup, "cublasSgemm_v2",
            ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    gemmEx =
        handle(lookup, "cublasGemmEx",
            ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    getVersion = handle(lookup, "cublasGetVersion_v2", ADDRESS, ADDRESS);
    destroy = handle(lookup, "cublasDestroy_v2", ADDRESS);
  }

  /**
   * Loads {@code library}: a path (with a '/') is opened as that file, a bare name through the system
   * loader's search (LD_LIBRARY_PATH, the ld.so cache, ...). Loaded for the life of the JVM.
   *
   * @throws IllegalArgumentException when it cannot be loaded or lacks one of the six functions
   */
  static CublasBinding open(String library) {
    SymbolLookup lookup =
        library.contains("/")
            ? SymbolLookup.libraryLookup(Path.of(library), Arena.global())
            : SymbolLookup.libraryLookup(library, Arena.global());
    return new ForeignCublas(library, lookup);
  }

  private static MethodHandle handle(SymbolLookup lookup, String name, MemoryLayout... arguments) {
    MemorySegment symbol =
        lookup.find(name).orElseThrow(() -> new IllegalArgumentException("it has no function " + name));
    return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, arguments));
  }

  @Override
  public String library() {
    return library;
  }

  @Override
  public int create(long[] handle) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      int status = (int) create.invokeExact(out);
      handle[0] = out.get(ADDRESS, 0).address();
      return status;
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  @Override
  public int setStream(long handle, long stream) {
    return call(() -> (int) setStream.invokeExact(address(handle), address(stream)));
  }

  @Override
  public synchronized int sgemm(
      long handle, int transa, int transb, int m, int n, int k,
      float alpha, long a, int lda, long b, int ldb, float beta, long c, int ldc) {
    return withScalars(alpha, beta, (alphaAt, betaAt) -> (int) sgemm.invokeExact(
        address(handle), transa, transb, m, n, k,
        alphaAt, address(a), lda, address(b), ldb, betaAt, address(c), ldc));
  }

  @Override
  public synchronized int gemmEx(
      long handle, int transa, int transb, int m, int n, int k,
      float alpha, long a, int aType, int lda, long b, int bType, int ldb,
      float beta, long c, int cType, int ldc, int computeType, int algo) {
    return withScalars(alpha, beta, (alphaAt, betaAt) -> (int) gemmEx.invokeExact(
        address(handle), transa, transb, m, n, k,
        alphaAt, address(a), aType, lda, address(b), bType, ldb,
        betaAt, address(c), cType, ldc, computeType, algo));
  }

  @Override
  public int getVersion(long handle, int[] version) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      int status = (int) getVersion.invokeExact(address(handle), out);
      version[0] = out.get(JAVA_INT, 0);
      return status;
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  @Override
  public int destroy(long handle) {
    return call(() -> (int) destroy.invokeExact(address(handle)));
  }

  /** A downcall, its Throwable to be rethrown as {@link #rethrown} says. */
  @FunctionalInterface
  private interface Downcall {
    int invoke() throws Throwable;
  }

  /** A gemm downcall given where alpha and beta were put. */
  @FunctionalInterface
  private interface GemmDowncall {
    int invoke(MemorySegment alphaAt, MemorySegment betaAt) throws Throwable;
  }

  private static int call(Downcall downcall) {
    try {
      return downcall.invoke();
    } catch (Throwable t) {
      throw rethrown(t);
    }
  }

  /** Puts alpha and beta in the host memory the gemm calls point at (callers hold the lock), then calls. */
  private int withScalars(float alpha, float beta, GemmDowncall gemm) {
    MemorySegment alphaAt = scalar(0, alpha);
    MemorySegment betaAt = scalar(1, beta);
    return call(() -> gemm.invoke(alphaAt, betaAt));
  }

  private MemorySegment scalar(int index, float value) {
    scalars.setAtIndex(JAVA_FLOAT, index, value);
    return scalars.asSlice(index * JAVA_FLOAT.byteSize(), JAVA_FLOAT.byteSize());
  }

  private static MemorySegment address(long address) {
    return MemorySegment.ofAddress(address);
  }

  private static RuntimeException rethrown(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
