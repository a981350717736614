package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JCuda backend on a real NVIDIA GPU: kernel files compiled here by nvcc, kernels and cuBLAS checked
 * through {@code run.Trial} against the float64 reference on odd shapes, the checker's traps firing on a GPU,
 * and the report run (every kernels/ file is checked by {@link KernelLibraryGpuTest}). Without a GPU every test is skipped with the reason
 * ("no NVIDIA GPU: ..."); where KP_REQUIRED_RUNTIMES lists "gpu" (tests/gpu/verify.sh sets it) a missing
 * GPU fails instead.
 */
class CudaGpuTest extends GpuFixture {
  static final String CUBLAS = "cublas";

  private static final long SEED = RandomInputs.newSeed();

  // Kernel files for the tests below; CudaModuleTest checks their headers without a GPU.
  static final String STAGED_COPY = String.join("\n",
      "// @kp kernel: staged_copy",
      "// @kp teaches: more than 48 KiB of dynamic shared memory is asked for, then used",
      "// @kp check:  copy n",
      "// @kp args:   const float* x, float* out, int n",
      "// @kp grid:   cdiv(n, 1024), 1, 1",
      "// @kp block:  1024, 1, 1",
      "// @kp smem:   64 * 1024",
      "extern \"C\" __global__ void staged_copy(const float* x, float* out, int n) {",
      "  extern __shared__ float stage[];",
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;",
      "  int slot = threadIdx.x * 16;  // spread over the whole 64 KiB",
      "  if (i < n) stage[slot] = x[i];",
      "  __syncthreads();",
      "  if (i < n) out[i] = stage[slot];",
      "}", "");

  static final String FLOOR_GRID = String.join("\n",
      "// @kp kernel: vector_add",
      "// @kp teaches: a grid rounded down misses the tail",
      "// @kp check:  vector_add n",
      "// @kp args:   const float* a, const float* b, float* out, int n",
      "// @kp grid:   floor(n / 256), 1, 1",
      "// @kp block:  256, 1, 1",
      "// @kp smem:   0",
      "extern \"C\" __global__ void vector_add(const float* a, const float* b, float* out, int n) {",
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;",
      "  if (i < n) out[i] = a[i] + b[i];",
      "}", "");

  static final String COPY_BACKWARDS = String.join("\n",
      "// @kp kernel: copy_backwards",
      "// @kp teaches: a kernel that writes into its input",
      "// @kp check:  copy n",
      "// @kp args:   const float* x, float* out, int n",
      "// @kp grid:   cdiv(n, 256), 1, 1",
      "// @kp block:  256, 1, 1",
      "// @kp smem:   0",
      "extern \"C\" __global__ void copy_backwards(const float* x, float* out, int n) {",
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;",
      "  if (i < n) const_cast<float*>(x)[i] = out[i];",
      "}", "");

  /**
   * A kernel file written here (with its {@code @kp} header) bound to its check's problem at {@code sizes},
   * compiled for this GPU by nvcc (the test is skipped without it) and ready for {@link #trial}.
   */
  private static KernelCase kernel(Path dir, String name, String text, Map<String, Integer> sizes) throws Exception {
    assumeNvcc();
    Path cu = dir.resolve(name + ".cu");
    Files.writeString(cu, text);
    return session.prepare(BoundKernel.bind(KernelSource.of(cu, text), sizes, SEED));
  }

  private static void assumeNvcc() {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaToolkit.find().isPresent(), CudaToolkit.whereLooked());
  }

  private static void assertPassedOnThisGpu(TrialResult r) {
    assertPassedOnThisGpu(r, "seed " + SEED);
  }

  @Test
  void theDriverDescribesTheGpu() {
    CudaDeviceInfo gpu = session.device();
    assertFalse(gpu.name().isBlank());
    assertTrue(gpu.ccMajor() >= 7, gpu.computeCapability());
    assertTrue(gpu.smCount() > 0);
    assertTrue(gpu.l2Bytes() > 0);
    assertTrue(gpu.memoryBytes() > 0);
    assertTrue(gpu.peakBandwidthBytesPerSecond() > 0, "memory clock " + gpu.memoryClockKhz() + " kHz, bus "
        + gpu.memoryBusWidthBits() + " bit");
    assertEquals(32, gpu.warpSize());
  }

  @Test
  void moreThan48KiBOfDynamicSharedMemoryIsAskedForAndUsed(@TempDir Path dir) throws Exception {
    assertPassedOnThisGpu(trial(kernel(dir, "staged_copy", STAGED_COPY, Map.of("n", 100_003))));
  }

  @Test
  void aGridThatMissesTheTailIsCaughtAsNeverWritten(@TempDir Path dir) throws Exception {
    TrialResult r = trial(kernel(dir, "vector_add_floor_grid", FLOOR_GRID, Map.of("n", 1000)));
    assertFalse(r.passed());
    assertEquals(1000 - 3 * 256, r.check().neverWritten());
  }

  @Test
  void aKernelThatWritesIntoItsInputIsCaught(@TempDir Path dir) throws Exception {
    // a copy with the roles swapped: it copies the (poisoned) output over the input
    TrialResult r = trial(kernel(dir, "copy_backwards", COPY_BACKWARDS, Map.of("n", 4096)));
    assertFalse(r.passed());
    assertFalse(r.check().inputChanges().isEmpty(), r.check().findings().toString());
    assertEquals(4096, r.check().neverWritten());
  }

  @Test
  void cublasSgemmMatchesTheReference() {
    assumeCublas();
    CublasBaseline cublas = session.cublas().orElseThrow();
    for (int[] s : new int[][] {{333, 517, 259}, {1, 1, 1}, {1000, 3, 700}}) {
      assertPassedOnThisGpu(trial(cublas.sgemm(MatmulProblem.random(s[0], s[1], s[2], SEED))));
    }
  }

  @Test
  void cublasHgemmMatchesTheReferenceWithinFp16InputRounding() {
    assumeCublas();
    MatmulProblem p = MatmulProblem.random(333, 517, 259, SEED, Arithmetic.FP16_IN_FP32_ACC);
    assertPassedOnThisGpu(trial(session.cublas().orElseThrow().hgemm(p)));
  }

  @Test
  void aMissingKernelNameListsTheKernelsThatAreThere() {
    assumeNvcc();
    CudaModule module = session.module(
        KernelSource.load(KernelLibrary.find().root().resolve("vector_add").resolve("01_vector_add.cu")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> module.function("vectorAdd"));
    assertTrue(e.getMessage().contains("[vector_add]"), e.getMessage());
    assertTrue(module.origin().contains("vector_add/01_vector_add.cu (nvcc, sm_"), module.origin());
  }

  @Test
  void ptxTheJitRejectsComesBackWithItsLog() {
    CudaFailure e = assertThrows(CudaFailure.class, () -> session.context().load("broken.ptx",
        ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k()\n{\n  not_an_instruction;\n  ret;\n}\n"));
    assertTrue(e.getMessage().startsWith("PTX from broken.ptx did not load on " + session.device().name()),
        e.getMessage());
    assertTrue(e.getMessage().contains("JIT log:"), e.getMessage());
  }

  @Test
  void theL2FlushAndEventTimerWork() {
    session.flush().flush();
    assertTrue(session.flush().bytes() >= 2 * session.device().l2Bytes());
    DeviceBuffer buffer = session.context().allocate("t", dev.kernelplayground.cudasource.ElementType.FLOAT, 1 << 24);
    double seconds = session.context().eventTimer().seconds("memset", () -> buffer.fillBytes((byte) 1));
    assertTrue(seconds > 0);
  }

  @Test
  void theHoldKernelKeepsTheGpuBusyForItsTime() {
    HoldKernel hold = new HoldKernel(session.context(), 200_000);
    double seconds = session.context().eventTimer().seconds("hold", hold::enqueue);
    assertTrue(seconds >= 199e-6 && seconds < 1e-3, seconds * 1e6 + " µs");
  }

  @Test
  void theHostsTimeBetweenTheFlushAndTheWorkIsNotTimed() {
    HoldKernel work = new HoldKernel(session.context(), 20_000); // 20 µs of GPU work, whatever the GPU
    session.flush().flush();
    double seconds = session.context().eventTimer().seconds("a late launch", () -> {
      long until = System.nanoTime() + 300_000; // the host takes 300 µs to enqueue the work (a slow library call)
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      work.enqueue();
    });
    assertTrue(seconds >= 19e-6 && seconds < 150e-6,
        "20 µs of work enqueued 300 µs after the start event measured " + seconds * 1e6 + " µs");
  }

  @Test
  void theReportRunsAndWritesMarkdown(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true);
    int status = GpuReport.run(new GpuReport.Options(dir, true, true, java.util.List.of()), print, print);
    assertEquals(0, status, out.toString());
    try (var files = Files.list(dir)) {
      Path report = files.findFirst().orElseThrow();
      String md = Files.readString(report);
      assertTrue(md.contains("## Benchmarks"), md);
      java.util.Optional<String> noCompiler = GpuCompiler.missing();
      if (noCompiler.isEmpty()) {
        assertTrue(md.contains("| " + LibraryMatrix.COPY + " | 1,048,576 |"), md);
      } else {
        assertTrue(md.contains("the kernels/ library was not run: " + noCompiler.get()), md);
      }
    }
  }

  private static void assumeCublas() {
    Runtimes.assume(CUBLAS, CudaAvailability.cublas().present(), CudaAvailability.cublas().detail());
  }
}
