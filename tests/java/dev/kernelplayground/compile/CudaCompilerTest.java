package dev.kernelplayground.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.LaunchSpec;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kernel in kernels/ compiles with nvcc for sm_89 and ptxas reports sane resources for each kernel its
 * header launches; compile errors point at the user's file and line. The library is compiled once, in parallel,
 * through the default PTX cache (so a second run of the suite costs file reads).
 */
@Tag("cuda-toolkit")
class CudaCompilerTest {
  /** Kernels allowed to spill registers, with the reason. None today. */
  private static final Map<String, String> MAY_SPILL = Map.of();

  private static CudaToolkit toolkit;
  private static final Map<KernelSource, Object> COMPILED = new LinkedHashMap<>();

  @BeforeAll
  static void compileTheLibrary() throws Exception {
    toolkit = CudaToolkit.find().orElse(null);
    if (toolkit == null) {
      return;
    }
    CudaCompiler compiler = new CudaCompiler(toolkit, CudaCompiler.defaultCacheDir());
    List<KernelSource> kernels = KernelLibrary.find().all();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    try {
      Map<KernelSource, Future<Object>> futures = new LinkedHashMap<>();
      for (KernelSource k : kernels) {
        futures.put(k, pool.submit(() -> {
          try {
            return (Object) compiler.compile(k.path(), k.text(), CudaCompiler.SM_89);
          } catch (CompileException e) {
            return e;
          }
        }));
      }
      for (var e : futures.entrySet()) {
        COMPILED.put(e.getKey(), e.getValue().get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assumeNvcc() {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, toolkit != null, CudaToolkit.whereLooked());
  }

  @Test
  void everyKernelCompilesForSm89WithoutSpills() {
    assumeNvcc();
    assertTrue(COMPILED.size() >= 18, "kernels: " + COMPILED.size());
    for (var entry : COMPILED.entrySet()) {
      KernelSource kernel = entry.getKey();
      if (entry.getValue() instanceof CompileException e) {
        fail(kernel.id() + " does not compile:\n" + e.getMessage());
      }
      CompileResult result = (CompileResult) entry.getValue();
      assertTrue(result.ptx().contains(".target sm_89"), kernel.id());
      assertTrue(result.warnings().isEmpty(), kernel.id() + " has warnings: " + result.warnings());
      assertEquals(kernel.header().launches().size(), result.kernels().size(), kernel.id() + ": one report per kernel");
      for (LaunchSpec launch : kernel.header().launches()) {
        ResourceReport report = result.kernel(launch.kernelName()).orElse(null);
        assertNotNull(report, kernel.id() + ": no ptxas report for " + launch.kernelName());
        assertTrue(result.ptx().contains(".entry " + report.function()), kernel.id());
        assertTrue(report.registers() > 0 && report.registers() <= 255, kernel.id() + ": " + report);
        assertTrue(report.staticSharedBytes() <= 48 * 1024, kernel.id() + ": static shared memory over 48 KB");
        if (report.spills() && !MAY_SPILL.containsKey(kernel.id())) {
          fail(kernel.id() + " spills registers: " + report.summary());
        }
        assertEquals(0, report.stackFrameBytes(), kernel.id() + ": a local array landed on the stack");
        // The default launch fits on an Ada SM.
        var dims = launch.evaluate(kernel.header().check().defaultSizes());
        var occupancy = KernelOccupancy.of(SmLimits.SM_89, report, dims);
        assertTrue(occupancy.result().launchable(), kernel.id() + ": " + occupancy.result().problem());
      }
    }
  }

  @Test
  void fp16KernelsUseTensorCores() {
    assumeNvcc();
    for (var entry : COMPILED.entrySet()) {
      if (entry.getKey().header().check().arithmetic() == Arithmetic.FP16_IN_FP32_ACC
          && entry.getValue() instanceof CompileResult r) {
        assertTrue(r.ptx().contains("wmma.mma.sync"), entry.getKey().id() + " has no wmma.mma.sync in its PTX");
      }
    }
  }

  @Test
  void aTypoIsReportedAtTheUsersFileAndLine(@TempDir Path dir) throws Exception {
    assumeNvcc();
    Path file = dir.resolve("typo.cu");
    String source = """
        extern "C" __global__ void typo(const float* x, float* out, int n) {
          int i = blockIdx.x * blockDim.x + threadIdx.x;
          if (i < n) {
            out[i] = x[i] * scael;
          }
        }
        """;
    Files.writeString(file, source);
    CudaCompiler compiler = new CudaCompiler(toolkit, null);
    CompileException e = assertThrows(CompileException.class, () -> compiler.compile(file));
    assertTrue(e.getMessage().startsWith(file + ":4: error: identifier \"scael\" is undefined"), e.getMessage());
    assertTrue(e.getMessage().contains("4 |     out[i] = x[i] * scael;"), e.getMessage());
    assertFalse(e.getMessage().contains("kp-nvcc-"), "the temporary copy leaked into: " + e.getMessage());
    assertEquals(4, e.errors().get(0).line());
  }

  @Test
  void aSecondCompileComesFromTheCache(@TempDir Path cache) {
    assumeNvcc();
    CudaCompiler compiler = new CudaCompiler(toolkit, cache);
    Path file = Path.of("kernels", "vector_add", "01_vector_add.cu");
    CompileResult first = compiler.compile(file);
    assertFalse(first.fromCache());
    CompileResult second = compiler.compile(file);
    assertTrue(second.fromCache());
    assertEquals(first.ptx(), second.ptx());
    assertEquals(first.kernels(), second.kernels());
    assertEquals(first.compileTime(), second.compileTime());
    // Another architecture is another entry.
    CompileResult ampere = compiler.compile(file, "sm_86");
    assertFalse(ampere.fromCache());
    assertTrue(ampere.ptx().contains(".target sm_86"));
  }

  @Test
  void theSameSourceInAnotherFolderComesFromTheCache(@TempDir Path dir) throws Exception {
    assumeNvcc();
    CudaCompiler compiler = new CudaCompiler(toolkit, dir.resolve("cache"));
    String source = "extern \"C\" __global__ void twice(float* x) { x[threadIdx.x] *= 2.0f; }\n";
    Path first = Files.writeString(Files.createDirectories(dir.resolve("session-1")).resolve("cell.cu"), source);
    Path second = Files.writeString(Files.createDirectories(dir.resolve("session-2")).resolve("cell.cu"), source);
    assertFalse(compiler.compile(first).fromCache());
    CompileResult again = compiler.compile(second);
    assertTrue(again.fromCache(), "a notebook's cells land in a new folder per session; the text is what counts");
    assertEquals(second.toString(), again.source(), "named as the file it was asked for");
    assertFalse(compiler.compile(Files.writeString(dir.resolve("session-2").resolve("other.cu"), source)).fromCache());
  }

  @Test
  void editingAnIncludedHeaderCompilesAgain(@TempDir Path dir) throws Exception {
    assumeNvcc();
    CudaCompiler compiler = new CudaCompiler(toolkit, dir.resolve("cache"));
    Path kernels = Files.createDirectories(dir.resolve("kernels").resolve("stencil"));
    Path header = dir.resolve("kernels").resolve("common.cuh");
    Path file = kernels.resolve("01_tile.cu");
    Files.writeString(file, """
        #include "../common.cuh"
        extern "C" __global__ void tile(float* out) {
          __shared__ float s[TILE];
          s[threadIdx.x] = threadIdx.x;
          __syncthreads();
          out[threadIdx.x] = s[TILE - 1 - threadIdx.x];
        }
        """);
    Files.writeString(header, "#define TILE 32\n");
    CompileResult small = compiler.compile(file);
    assertEquals(32 * 4, small.kernel("tile").orElseThrow().staticSharedBytes());
    assertTrue(compiler.compile(file).fromCache());
    Files.writeString(header, "#define TILE 64\n");
    CompileResult large = compiler.compile(file);
    assertFalse(large.fromCache(), "the header changed, so the cached PTX is stale");
    assertEquals(64 * 4, large.kernel("tile").orElseThrow().staticSharedBytes());
  }

  @Test
  void aBadArchitectureNameIsRejected() {
    assumeNvcc();
    CudaCompiler compiler = new CudaCompiler(toolkit, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> compiler.compile(Path.of("x.cu"), "", "ada"));
    assertTrue(e.getMessage().contains("not an architecture"), e.getMessage());
  }
}
