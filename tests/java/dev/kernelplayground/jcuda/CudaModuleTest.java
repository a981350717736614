package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import org.junit.jupiter.api.Test;

/** What the driver's refusals of PTX turn into, and how the GPU compiles CUDA C without nvcc: no GPU needed. */
class CudaModuleTest {
  @Test
  void aRefusedModuleSaysWhyInWordsWithTheJitLog() {
    CudaDeviceInfo l4 = DeviceInfos.l4();
    String message = CudaModule.loadFailure("mine.cu (nvcc, compute_89)", ".version 9.0\n.target sm_89\n", l4,
        jcuda.driver.CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "");
    assertTrue(message.startsWith("PTX from mine.cu (nvcc, compute_89) did not load on NVIDIA L4: "
        + "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), message);
    assertTrue(message.contains(".version 9.0, newer than this driver (CUDA 12.2)"), message);

    String noBinary = CudaModule.loadFailure("h.ptx", ".version 8.0\n.target sm_90a\n", l4,
        jcuda.driver.CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU,
        "ptxas fatal   : SM version specified by .target is higher than default SM version assumed");
    assertTrue(noBinary.contains("targets sm_90a, which this GPU (sm_89) cannot run"), noBinary);
    assertTrue(noBinary.endsWith("JIT log:\nptxas fatal   : SM version specified by .target is higher than default"
        + " SM version assumed"), noBinary);
  }

  @Test
  void theGpuTestsKernelFilesBindToTheirProblems() {
    for (String text : java.util.List.of(CudaGpuTest.STAGED_COPY, CudaGpuTest.FLOOR_GRID, CudaGpuTest.COPY_BACKWARDS)) {
      KernelSource source = KernelSource.of(java.nio.file.Path.of("gpu-test.cu"), text);
      var bound = dev.kernelplayground.cudasource.BoundKernel.bind(source, java.util.Map.of("n", 1000), 1);
      assertEquals(1, bound.launches().size(), bound.describe());
    }
  }

  @Test
  void withoutNvrtcCompilingSaysWhatIsMissingInsteadOfCrashing() {
    if (CudaAvailability.nvrtc().present()) {
      return; // this machine has NVRTC: the refusal below cannot happen here
    }
    KernelSource source = KernelSource.load(
        KernelLibrary.find().root().resolve("vector_add").resolve("01_vector_add.cu"));
    CudaUnavailableException e =
        assertThrows(CudaUnavailableException.class, () -> GpuCompiler.nvrtc(source, "compute_89"));
    assertTrue(e.getMessage().contains(CudaAvailability.nvrtc().detail()), e.getMessage());
    assertSame(CudaAvailability.nvrtc(), CudaAvailability.nvrtc(), "the verdict is probed once and kept");
    if (dev.kernelplayground.compile.CudaToolkit.find().isEmpty()) {
      String missing = GpuCompiler.missing().orElseThrow();
      assertTrue(missing.contains("neither is here") && missing.contains("cuBLAS"), missing);
    }
  }
}
