package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.problem.CopyProblem;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.problem.VectorAddProblem;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JCuda backend on a real NVIDIA GPU: PTX loaded (committed, or compiled here by nvcc), kernels and
 * cuBLAS checked through {@code run.Trial} against the float64 reference on odd shapes, the checker's
 * traps firing on a GPU, and the report run. Without a GPU every test is skipped with the reason
 * ("no NVIDIA GPU: ..."); where KP_REQUIRED_RUNTIMES lists "gpu" (tests/gpu/verify.sh sets it) a missing
 * GPU fails instead.
 */
@Tag("gpu")
@ExtendWith(SkipReasons.class)
class CudaGpuTest {
  /** The runtime name tests/gpu/verify.sh puts in KP_REQUIRED_RUNTIMES. */
  static final String GPU = "gpu";

  static final String CUBLAS = "cublas";

  private static final BenchConfig QUICK = new BenchConfig(1, 3);
  private static final long SEED = RandomInputs.newSeed();
  private static GpuSession session;

  @BeforeEach
  void needsAGpu() {
    Runtimes.assume(GPU, CudaAvailability.gpuPresent(), "no NVIDIA GPU: " + CudaAvailability.driver().detail());
    if (session == null) {
      session = GpuSession.open();
    }
  }

  @AfterAll
  static void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  private static CudaModule committedPtx() {
    return session.module(PtxSource.resource(PtxSource.PLAYGROUND_PTX));
  }

  private static TrialResult trial(KernelCase c) {
    return Trial.run(c, QUICK, session.flush());
  }

  private static void assertPassedOnThisGpu(TrialResult r) {
    assertTrue(r.passed(), "seed " + SEED + ": " + r.check().findings()
        + (r.recheck() == null ? "" : " / re-check: " + r.recheck().findings()));
    assertEquals(Backend.CUDA, r.timing().target().backend());
    assertTrue(r.timing().target().gpu());
    assertEquals(session.device().name(), r.timing().target().device());
    assertTrue(r.timing().median() > 0);
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
  void vectorAddFromTheCommittedPtxPassesTheCheck() {
    VectorAddProblem p = VectorAddProblem.random(1_000_003, SEED);
    assertPassedOnThisGpu(trial(CudaKernelCases.vectorAdd(session.context(), committedPtx(), p)));
  }

  @Test
  void tiledMatmulFromTheCommittedPtxPassesOnAnOddShape() {
    MatmulProblem p = MatmulProblem.random(333, 517, 259, SEED);
    assertPassedOnThisGpu(trial(CudaKernelCases.tiledMatmul(session.context(), committedPtx(), p)));
  }

  @Test
  void kernelsCompiledByNvccForThisGpuPassToo() {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaAvailability.nvcc().present(), CudaAvailability.nvcc().detail());
    CudaModule compiled;
    try {
      compiled = session.module(PtxSource.playground(session.device().computeArch()));
    } catch (CudaCompileException e) {
      // this nvcc does not know the GPU's architecture: the toolkit is older than the GPU, not a bug here
      org.junit.jupiter.api.Assumptions.assumeFalse(e.getMessage().contains("nsupported gpu architecture"),
          "nvcc cannot compile for this GPU: " + e.getMessage());
      throw e;
    } catch (CudaFailure e) {
      // nvcc is newer than the driver: its PTX .version is more than the driver reads
      org.junit.jupiter.api.Assumptions.assumeFalse(
          e.code() == jcuda.driver.CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, e.getMessage());
      throw e;
    }
    assertTrue(compiled.source().origin().contains("nvcc"), compiled.source().origin());
    assertPassedOnThisGpu(trial(CudaKernelCases.vectorAdd(session.context(), compiled,
        VectorAddProblem.random(77_777, SEED))));
    assertPassedOnThisGpu(trial(CudaKernelCases.tiledMatmul(session.context(), compiled,
        MatmulProblem.random(100, 61, 47, SEED))));
    assertPassedOnThisGpu(trial(CudaKernelCases.copy(session.context(), compiled,
        CopyProblem.random(1_000_001, SEED))));
  }

  @Test
  void moreThan48KiBOfDynamicSharedMemoryIsAskedForAndUsed(@TempDir Path dir) throws Exception {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaAvailability.nvcc().present(), CudaAvailability.nvcc().detail());
    Path cu = dir.resolve("staged_copy.cu");
    Files.writeString(cu, String.join("\n",
        "extern \"C\" __global__ void staged_copy(const float* in, float* out, int n) {",
        "  extern __shared__ float stage[];",
        "  int i = blockIdx.x * blockDim.x + threadIdx.x;",
        "  int slot = threadIdx.x * 16;  // spread over the whole 64 KiB",
        "  if (i < n) stage[slot] = in[i];",
        "  __syncthreads();",
        "  if (i < n) out[i] = stage[slot];",
        "}", ""));
    CudaModule module = session.module(PtxSource.compile(cu, session.device().computeArch()));
    int n = 100_003;
    CopyProblem p = CopyProblem.random(n, SEED);
    KernelCase c = CudaKernelCases.of("staged_copy", p, session.context(), module.function("staged_copy"),
        new LaunchGeometry((n + 1023) / 1024, 1, 1, 1024, 1, 1, 64 * 1024),
        List.of(KernelArg.input("in"), KernelArg.output(), KernelArg.of(n)), 1, Precision.FP32);
    assertPassedOnThisGpu(trial(c));
  }

  @Test
  void aGridThatMissesTheTailIsCaughtAsNeverWritten() {
    VectorAddProblem p = VectorAddProblem.random(1000, SEED);
    KernelCase c = CudaKernelCases.of("vector_add_floor_grid", p, session.context(),
        committedPtx().function("vector_add"), new LaunchGeometry(1000 / 256, 1, 1, 256, 1, 1, 0),
        List.of(KernelArg.input("a"), KernelArg.input("b"), KernelArg.output(), KernelArg.of(1000)),
        1, Precision.FP32);
    TrialResult r = trial(c);
    assertFalse(r.passed());
    assertEquals(1000 - 3 * 256, r.check().neverWritten());
  }

  @Test
  void aKernelThatWritesIntoItsInputIsCaught() {
    CopyProblem p = CopyProblem.random(4096, SEED);
    // copy_float4(in, out, n) with the roles swapped: it copies the (poisoned) output over the input
    KernelCase c = CudaKernelCases.of("copy_backwards", p, session.context(),
        committedPtx().function("copy_float4"), LaunchGeometry.linear(1024, 256),
        List.of(KernelArg.output(), KernelArg.input("in"), KernelArg.of(4096)), 1, Precision.FP32);
    TrialResult r = trial(c);
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
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> committedPtx().function("vectorAdd"));
    assertTrue(e.getMessage().contains("[vector_add, copy_float4, matmul_tiled]"), e.getMessage());
  }

  @Test
  void ptxTheJitRejectsComesBackWithItsLog() {
    PtxSource broken = new PtxSource("broken.ptx",
        ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k()\n{\n  not_an_instruction;\n  ret;\n}\n");
    CudaFailure e = assertThrows(CudaFailure.class, () -> session.context().load(broken));
    assertTrue(e.getMessage().startsWith("PTX from broken.ptx did not load on " + session.device().name()),
        e.getMessage());
    assertTrue(e.getMessage().contains("JIT log:"), e.getMessage());
  }

  @Test
  void theL2FlushAndEventTimerWork() {
    session.flush().flush();
    assertTrue(session.flush().bytes() >= 2 * session.device().l2Bytes());
    DeviceBuffer buffer = session.context().allocate("t", Element.FP32, 1 << 24);
    double seconds = session.context().eventTimer().seconds("memset", () -> buffer.fillBytes((byte) 1));
    assertTrue(seconds > 0);
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
      assertTrue(md.contains("| cuda_copy_float4 | 1,048,576 |"), md);
    }
  }

  private static void assumeCublas() {
    Runtimes.assume(CUBLAS, CudaAvailability.cublas().present(), CudaAvailability.cublas().detail());
  }
}
