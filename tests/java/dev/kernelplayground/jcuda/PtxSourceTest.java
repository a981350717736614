package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.testing.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed PTX, nvcc at run time, and what the driver's refusals turn into. */
class PtxSourceTest {
  private static final Pattern ENTRY_WITH_PARAMS = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");

  private static void assumeNvcc() {
    Runtimes.assume(Runtimes.CUDA_TOOLKIT, CudaAvailability.nvcc().present(), CudaAvailability.nvcc().detail());
  }

  @Test
  void theCommittedPtxDefinesTheBackendsKernelsForAnyDriverFromCuda11() {
    PtxSource ptx = PtxSource.resource(PtxSource.PLAYGROUND_PTX);
    assertEquals(List.of("vector_add", "copy_float4", "matmul_tiled"), ptx.entries());
    assertEquals("7.0", ptx.isaVersion().orElseThrow());
    assertEquals("sm_80", ptx.target().orElseThrow());
  }

  @Test
  void ptxasAcceptsTheCommittedPtxForAdaAndAmpere(@TempDir Path dir) throws Exception {
    assumeNvcc();
    Path ptxas = CudaAvailability.nvccPath().orElseThrow().resolveSibling("ptxas");
    Path ptx = dir.resolve("k.ptx");
    Files.writeString(ptx, PtxSource.resource(PtxSource.PLAYGROUND_PTX).text());
    for (String arch : List.of("sm_80", "sm_89")) {
      Process p = new ProcessBuilder(ptxas.toString(), "-arch=" + arch, "-o", dir.resolve("k.cubin").toString(),
          ptx.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), "ptxas -arch=" + arch + " refused the committed PTX:\n" + out);
    }
  }

  @Test
  void theCommittedPtxIsUpToDateWithItsCudaSource(@TempDir Path dir) throws IOException {
    assumeNvcc();
    Path cu = dir.resolve("playground_kernels.cu");
    try (var in = PtxSource.class.getResourceAsStream(PtxSource.PLAYGROUND_CU)) {
      Files.write(cu, in.readAllBytes());
    }
    PtxSource fresh = PtxSource.compile(cu, "compute_80");
    assertEquals(
        signatures(fresh.text()),
        signatures(PtxSource.resource(PtxSource.PLAYGROUND_PTX).text()),
        "playground_kernels.ptx is stale: rerun tests/gpu/make-ptx.sh");
  }

  @Test
  void aCompileErrorCarriesNvccsFileAndLine(@TempDir Path dir) throws IOException {
    assumeNvcc();
    Path cu = dir.resolve("broken.cu");
    Files.writeString(cu, "extern \"C\" __global__ void k(float* x) {\n  x[0] = undeclared_name;\n}\n");
    CudaCompileException e = assertThrows(CudaCompileException.class, () -> PtxSource.compile(cu, "compute_89"));
    assertTrue(e.getMessage().contains("broken.cu(2)"), e.getMessage());
    assertTrue(e.getMessage().contains("undeclared_name"), e.getMessage());
  }

  @Test
  void playgroundPtxComesFromNvccWhenPresentElseFromTheResource() {
    PtxSource ptx = PtxSource.playground("compute_89");
    if (CudaAvailability.nvcc().present()) {
      assertTrue(ptx.origin().contains("nvcc, compute_89"), ptx.origin());
      assertEquals("sm_89", ptx.target().orElseThrow());
    } else {
      assertEquals("playground_kernels.ptx", ptx.origin());
    }
    assertEquals(List.of("vector_add", "copy_float4", "matmul_tiled"), ptx.entries());
  }

  @Test
  void aRefusedModuleSaysWhyInWordsWithTheJitLog() {
    CudaDeviceInfo l4 = DeviceInfos.l4();
    PtxSource newer = new PtxSource("mine.cu (nvcc, compute_89)", ".version 9.0\n.target sm_89\n");
    String message = CudaModule.loadFailure(newer, l4, jcuda.driver.CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "");
    assertTrue(message.startsWith("PTX from mine.cu (nvcc, compute_89) did not load on NVIDIA L4: "
        + "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), message);
    assertTrue(message.contains(".version 9.0, newer than this driver (CUDA 12.2)"), message);

    PtxSource hopper = new PtxSource("h.ptx", ".version 8.0\n.target sm_90a\n");
    String noBinary = CudaModule.loadFailure(hopper, l4, jcuda.driver.CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU,
        "ptxas fatal   : SM version specified by .target is higher than default SM version assumed");
    assertTrue(noBinary.contains("targets sm_90a, which this GPU (sm_89) cannot run"), noBinary);
    assertTrue(noBinary.endsWith("JIT log:\nptxas fatal   : SM version specified by .target is higher than default"
        + " SM version assumed"), noBinary);
  }

  /** Each entry's name and parameter count: what a stale PTX would get wrong. */
  private static Map<String, Integer> signatures(String ptx) {
    Map<String, Integer> entries = new LinkedHashMap<>();
    Matcher m = ENTRY_WITH_PARAMS.matcher(ptx);
    while (m.find()) {
      entries.put(m.group(1), (int) m.group(2).chars().filter(c -> c == ',').count() + 1);
    }
    return entries;
  }
}
