package dev.kernelplayground.gpuopencl;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.process.ChildRows;
import dev.kernelplayground.testing.OpenCl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child JVM run through a prepared ICD setup, with PoCL standing in for NVIDIA's OpenCL (the same loader,
 * another vendor's library): a temporary vendors folder naming PoCL runs the lesson kernels there, checked; a
 * folder naming a library that is not there leaves the loader with no platform, though /etc/OpenCL/vendors
 * names PoCL — so the folder given is the one the loader reads.
 */
@Tag("opencl")
class JavaKernelsOnOpenClTest {
  private static final IcdVendors.Vendor POCL = new IcdVendors.Vendor("libpocl.so.2", "pocl");

  @Test
  void theLessonKernelsRunCheckedOnTheVendorsDeviceThroughATemporaryVendorsFolder(@TempDir Path dir) throws Exception {
    OpenCl.firstDevice();
    IcdVendors.Places places = new IcdVendors.Places(Map.of(), Files.createDirectories(dir.resolve("no-icd-files")),
        IcdVendors.LIBRARY_FOLDERS, IcdVendors::ldCache, null, dir);
    try (IcdVendors.Setup setup = IcdVendors.prepare(POCL, places)) {
      assertTrue(setup.ready(), setup.missing());
      assertNotNull(setup.temporary(), setup.how());
      ChildRows<JavaKernelsOnOpenCl.Row> run = JavaKernelsOnOpenCl.run(setup, POCL, List.of("vector_add", "matmul_tiled"));
      assertNull(run.failed());
      assertNull(run.notRun());
      assertEquals("The pocl project", run.header().get("vendor"));
      assertEquals(setup.how(), run.header().get(JavaKernelsOnOpenCl.ICD));
      assertEquals(List.of("vector_add", "vector_add", "matmul_tiled", "matmul_tiled", "matmul_tiled"),
          run.rows().stream().map(JavaKernelsOnOpenCl.Row::kernel).toList(), "every OpenCL test shape");
      assertEquals("127×129×131", run.rows().get(2).size());
      for (JavaKernelsOnOpenCl.Row row : run.rows()) {
        assertTrue(row.passed(), row.toString());
        assertEquals("opencl · " + run.header().get("device"), row.ranOn());
        assertTrue(row.medianMs() > 0, row.toString());
      }
    }
  }

  @Test
  void aVendorsFolderWithoutTheLibraryLeavesNoDeviceAndSaysSo(@TempDir Path dir) throws Exception {
    OpenCl.firstDevice();
    Files.writeString(dir.resolve("pocl.icd"), dir.resolve("missing/libpocl.so.2") + "\n");
    IcdVendors.Setup setup = new IcdVendors.Setup(Map.of("OCL_ICD_VENDORS", dir.toString()), "a folder naming a "
        + "library that is not there", null, null);
    ChildRows<JavaKernelsOnOpenCl.Row> run = JavaKernelsOnOpenCl.run(setup, POCL, List.of("vector_add"));
    assertEquals("the OpenCL ICD loader offers no pocl device (it offers none); the ICD loader was given a folder "
        + "naming a library that is not there", run.notRun());
    assertFalse(run.anyFailure(), "no such device is not a failure of the kernels");
  }

  @Test
  void withoutTheLibraryTheRunSaysWhyNotAndStartsNothing() {
    IcdVendors.Setup missing = new IcdVendors.Setup(Map.of(), null, null, "no libnvidia-opencl.so.1 found: ...");
    ChildRows<JavaKernelsOnOpenCl.Row> run = JavaKernelsOnOpenCl.run(missing, IcdVendors.Vendor.NVIDIA, List.of());
    assertEquals("no libnvidia-opencl.so.1 found: ...", run.notRun());
    assertEquals(List.of(), run.rows());
  }
}
