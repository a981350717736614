package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.testing.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cuBLAS binding over java.lang.foreign, against a fake libcublas built here with g++: a C file that
 * exports the six functions with cuBLAS's signatures and writes each call's arguments to a log next to
 * itself. It proves the argument order, the enum values and the row-major mapping that reach cuBLAS, and
 * where the library is looked for, with no GPU and no cuBLAS.
 */
class CublasBindingTest {
  private static final String FAKE =
      """
      #define _GNU_SOURCE
      #include <dlfcn.h>
      #include <stdarg.h>
      #include <stdint.h>
      #include <stdio.h>
      #include <string.h>

      static void note(const char *format, ...) {
        Dl_info self;
        char path[4096];
        dladdr((void *) note, &self);
        snprintf(path, sizeof path, "%s.log", self.dli_fname);
        FILE *log = fopen(path, "a");
        va_list args;
        va_start(args, format);
        vfprintf(log, format, args);
        va_end(args);
        fputc('\\n', log);
        fclose(log);
      }

      #define P(x) ((unsigned long) (uintptr_t) (x))

      extern "C" {
      int cublasCreate_v2(void **handle) {
        *handle = (void *) 0x1234;
        note("cublasCreate_v2");
        return 0;
      }
      int cublasSetStream_v2(void *handle, void *stream) {
        note("cublasSetStream_v2 handle=%lx stream=%lx", P(handle), P(stream));
        return 0;
      }
      int cublasSgemm_v2(void *handle, int transa, int transb, int m, int n, int k, const float *alpha,
                         const float *A, int lda, const float *B, int ldb, const float *beta, float *C, int ldc) {
        note("cublasSgemm_v2 handle=%lx transa=%d transb=%d m=%d n=%d k=%d alpha=%g A=%lx lda=%d B=%lx ldb=%d"
             " beta=%g C=%lx ldc=%d", P(handle), transa, transb, m, n, k, *alpha, P(A), lda, P(B), ldb, *beta,
             P(C), ldc);
        return m == 999 ? 7 : 0;
      }
      int cublasGemmEx(void *handle, int transa, int transb, int m, int n, int k, const void *alpha,
                       const void *A, int Atype, int lda, const void *B, int Btype, int ldb, const void *beta,
                       void *C, int Ctype, int ldc, int computeType, int algo) {
        note("cublasGemmEx handle=%lx transa=%d transb=%d m=%d n=%d k=%d alpha=%g A=%lx Atype=%d lda=%d B=%lx"
             " Btype=%d ldb=%d beta=%g C=%lx Ctype=%d ldc=%d computeType=%d algo=%d", P(handle), transa, transb,
             m, n, k, *(const float *) alpha, P(A), Atype, lda, P(B), Btype, ldb, *(const float *) beta, P(C),
             Ctype, ldc, computeType, algo);
        return 0;
      }
      int cublasGetVersion_v2(void *handle, int *version) {
        note("cublasGetVersion_v2 handle=%lx", P(handle));
        *version = 130002;
        return 0;
      }
      int cublasDestroy_v2(void *handle) {
        note("cublasDestroy_v2 handle=%lx", P(handle));
        return 0;
      }
      }
      """;

  /** Builds the fake as {@code dir/name} with g++; skips (or in CI fails) without g++. */
  private static Path fakeCublas(Path dir, String name) throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Runtime.version().feature() >= 22, "the binding uses java.lang.foreign, final from Java 22");
    Path source = dir.resolve("fake_cublas.cpp");
    Files.writeString(source, FAKE);
    Path library = dir.resolve(name);
    ChildProcess.Result built;
    try {
      built =
          ChildProcess.of("g++", "-shared", "-fPIC", "-O0", "-o", library.toString(), source.toString(), "-ldl")
              .mergeStderr()
              .timeout(Duration.ofMinutes(2))
              .run();
    } catch (IOException e) {
      Runtimes.assume(Runtimes.CXX, false, "the fake cuBLAS is built with g++, not on PATH: " + e.getMessage());
      throw e;
    }
    assertTrue(built.succeeded(), built.stdout());
    return library;
  }

  private static List<String> log(Path library) throws IOException {
    return Files.readAllLines(library.resolveSibling(library.getFileName() + ".log"));
  }

  @Test
  void rowMajorSgemmReachesCublasWithTheOperandsSwapped(@TempDir Path dir) throws Exception {
    Path library = fakeCublas(dir, "libcublas.so.13");
    CublasLibrary.Lookup cublas = CublasLibrary.find(Map.of("KP_CUBLAS", library.toString()), List.of(), List::of,
        CublasLibrary.loader());
    assertTrue(cublas.found(), cublas.missing());
    assertEquals(library.toString(), cublas.served());

    CublasBinding blas = cublas.binding();
    long handle = CublasBaseline.create(blas);
    assertEquals(0x1234L, handle);
    // row-major C (3×5) = A (3×7) · B (7×5): cuBLAS computes Cᵀ (5×3) = Bᵀ·Aᵀ, B first with ld 5, A with ld 7
    GemmMapping g = GemmMapping.rowMajor(3, 5, 7);
    Map<String, Long> addresses = Map.of("a", 0xa0000L, "b", 0xb0000L);
    assertEquals(0, CublasBaseline.sgemm(blas, handle, g, addresses::get, 0xc0000L));
    assertEquals(0, CublasBaseline.hgemm(blas, handle, g, addresses::get, 0xc0000L));
    assertEquals("13.0.2", CublasBaseline.version(blas, handle));
    assertEquals(0, blas.destroy(handle));

    assertEquals(
        List.of(
            "cublasCreate_v2",
            "cublasSetStream_v2 handle=1234 stream=0",
            "cublasSgemm_v2 handle=1234 transa=0 transb=0 m=5 n=3 k=7 alpha=1 A=b0000 lda=5 B=a0000 ldb=7"
                + " beta=0 C=c0000 ldc=5",
            // CUDA_R_16F = 2 in, CUDA_R_32F = 0 out, CUBLAS_COMPUTE_32F = 68, CUBLAS_GEMM_DEFAULT = -1
            "cublasGemmEx handle=1234 transa=0 transb=0 m=5 n=3 k=7 alpha=1 A=b0000 Atype=2 lda=5 B=a0000"
                + " Btype=2 ldb=7 beta=0 C=c0000 Ctype=0 ldc=5 computeType=68 algo=-1",
            "cublasGetVersion_v2 handle=1234",
            "cublasDestroy_v2 handle=1234"),
        log(library));
  }

  @Test
  void aFailedCallIsNamedWithItsStatus(@TempDir Path dir) throws Exception {
    Path library = fakeCublas(dir, "libfake.so");
    CublasBinding blas = CublasLibrary.loader().apply(library.toString());
    // the fake answers m = 999 with CUBLAS_STATUS_INVALID_VALUE (7)
    int status = CublasBaseline.sgemm(blas, 1, GemmMapping.rowMajor(2, 999, 3), name -> 0L, 0L);
    CudaFailure failure = assertThrows(CudaFailure.class, () -> CublasBaseline.check(status, "cublasSgemm"));
    assertEquals("cublasSgemm failed: CUBLAS_STATUS_INVALID_VALUE", failure.getMessage());
  }

  @Test
  void theLibraryIsFoundAmongThePipPackagesAfterTheLoaderPath(@TempDir Path dir) throws Exception {
    Path pip12 = fakeCublas(Files.createDirectories(dir.resolve("nvidia/cublas/lib")), "libcublas.so.12");
    AtomicInteger pipAsked = new AtomicInteger();
    List<String> tried = new ArrayList<>();
    CublasLibrary.Lookup cublas =
        CublasLibrary.find(
            Map.of(),
            List.of("libkp_absent_cublas.so.13", "libcublas.so.12"),
            () -> {
              pipAsked.incrementAndGet();
              return List.of(dir.resolve("nvidia/cu13/lib/libkp_absent_cublas.so.14"), pip12);
            },
            name -> {
              tried.add(name);
              return CublasLibrary.loader().apply(name);
            });
    assertTrue(cublas.found(), cublas.missing());
    assertEquals(pip12.toString(), cublas.served());
    // 13 first (loader, then no pip file of that name), then 12 through the loader (absent here), then pip
    assertEquals(List.of("libkp_absent_cublas.so.13", "libcublas.so.12", pip12.toString()), tried);
    assertEquals(1, pipAsked.get());
  }

  @Test
  void withoutCublasTheReasonIsOneLine() {
    Assumptions.assumeTrue(Runtime.version().feature() >= 22, "on Java 21 the reason names the Java version");
    CublasLibrary.Lookup none =
        CublasLibrary.find(
            Map.of(), List.of("libkp_absent_cublas.so.13", "libkp_absent_cublas.so.12"), List::of,
            CublasLibrary.loader());
    assertFalse(none.found());
    assertEquals(
        "no cuBLAS (libkp_absent_cublas.so.13 or libkp_absent_cublas.so.12 not found in the loader path or"
            + " python3's nvidia pip packages; set KP_CUBLAS to the library file)",
        none.missing());

    CublasLibrary.Lookup named =
        CublasLibrary.find(
            Map.of("KP_CUBLAS", "/nonexistent/libcublas.so.13"), CublasLibrary.NAMES, List::of,
            CublasLibrary.loader());
    assertFalse(named.found());
    assertTrue(
        named.missing().startsWith("no cuBLAS (KP_CUBLAS=/nonexistent/libcublas.so.13 could not be loaded: "),
        named.missing());
    assertTrue(named.missing().endsWith(")"), named.missing());
    assertFalse(named.missing().contains("\n"), named.missing());
  }

  @Test
  void onJava21TheReasonNamesTheJavaVersion() {
    // Java 21 cannot load the binding compiled for Java 22; a class name that does not load stands in for it.
    CublasLibrary.Lookup none =
        CublasLibrary.find(Map.of(), CublasLibrary.NAMES, List::of, CublasLibrary.loader("no.such.ForeignCublas"));
    assertEquals(
        "no cuBLAS (cuBLAS is called through java.lang.foreign, which needs Java 22 or newer; this is Java "
            + Runtime.version().feature() + ")",
        none.missing());
  }
}
