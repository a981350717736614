package dev.kernelplayground.gpuopencl;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the ICD loader is pointed at NVIDIA's OpenCL library, on made-up machines: folders with empty files named
 * like the libraries, an ld.so cache given as a list. Nothing is loaded.
 */
class IcdVendorsTest {
  private static final IcdVendors.Vendor NVIDIA = IcdVendors.Vendor.NVIDIA;

  @TempDir Path dir;

  private Path folder(String name, String... files) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (String file : files) {
      Files.writeString(folder.resolve(file), "");
    }
    return folder;
  }

  private IcdVendors.Places places(Map<String, String> env, Path vendors, List<Path> libs, List<Path> ldCache,
      Path bundled) throws IOException {
    return new IcdVendors.Places(env, vendors, libs, () -> ldCache, bundled, Files.createDirectories(dir.resolve("tmp")));
  }

  @Test
  void anInstalledIcdFileNamingTheLibraryServesAsItIs() throws Exception {
    Path vendors = folder("vendors");
    Files.writeString(vendors.resolve("pocl.icd"), "libpocl.so.2\n");
    Files.writeString(vendors.resolve("nvidia.icd"), "libnvidia-opencl.so.1\n");
    try (IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA,
        places(Map.of(), vendors, List.of(folder("lib", "libOpenCL.so.1", "libnvidia-opencl.so.1")), List.of(), null))) {
      assertTrue(setup.ready(), setup.missing());
      assertEquals(Map.of(), setup.env());
      assertEquals("the installed ICD file " + vendors.resolve("nvidia.icd"), setup.how());
      assertNull(setup.temporary());
    }
  }

  @Test
  void withoutAnIcdFileATemporaryVendorsFolderNamesTheLibraryFound() throws Exception {
    Path vendors = folder("vendors");
    Files.writeString(vendors.resolve("pocl.icd"), "libpocl.so.2\n");
    Path lib = folder("lib", "libOpenCL.so.1", "libnvidia-opencl.so.1");
    IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA, places(Map.of(), vendors, List.of(lib), List.of(), null));
    assertTrue(setup.ready(), setup.missing());
    Path temporary = setup.temporary();
    assertEquals(Map.of("OCL_ICD_VENDORS", temporary.toString()), setup.env());
    assertEquals(List.of(temporary.resolve("nvidia-opencl.icd")), Files.list(temporary).toList(),
        "only NVIDIA's library: the loader reads this folder instead of " + vendors);
    assertEquals(lib.resolve("libnvidia-opencl.so.1") + "\n", Files.readString(temporary.resolve("nvidia-opencl.icd")));
    assertTrue(setup.how().startsWith("a temporary vendors folder (OCL_ICD_VENDORS=" + temporary + ") whose "
        + "nvidia-opencl.icd names " + lib.resolve("libnvidia-opencl.so.1")), setup.how());
    setup.close();
    assertFalse(Files.exists(temporary), "the temporary folder goes when the run is over");
  }

  @Test
  void theLoaderPathComesFirstThenTheUsualFoldersThenTheLdCache() throws Exception {
    Path vendors = folder("vendors");
    Path onPath = folder("onpath", "libnvidia-opencl.so.1");
    Path usual = folder("usual", "libOpenCL.so.1", "libnvidia-opencl.so.1");
    try (IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA,
        places(Map.of("LD_LIBRARY_PATH", onPath.toString()), vendors, List.of(usual), List.of(), null))) {
      assertEquals(onPath.resolve("libnvidia-opencl.so.1") + "\n",
          Files.readString(setup.temporary().resolve("nvidia-opencl.icd")));
    }
    Path cached = Path.of("/somewhere/cached/libnvidia-opencl.so.1");
    AtomicInteger asked = new AtomicInteger();
    IcdVendors.Places fromCache = new IcdVendors.Places(Map.of(), vendors, List.of(folder("plain", "libOpenCL.so.1")),
        () -> {
          asked.incrementAndGet();
          return List.of(Path.of("/somewhere/cached/libcuda.so.1"), cached);
        }, null, dir);
    try (IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA, fromCache)) {
      assertEquals(cached + "\n", Files.readString(setup.temporary().resolve("nvidia-opencl.icd")));
    }
    assertEquals(1, asked.get(), "the ld.so cache is asked once");
  }

  @Test
  void withoutTheLibraryItSaysWhereItLooked() throws Exception {
    Path vendors = folder("vendors");
    Path lib = folder("lib", "libOpenCL.so.1");
    Path other = folder("other");
    IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA,
        places(Map.of("LD_LIBRARY_PATH", other.toString()), vendors, List.of(lib), List.of(), null));
    assertFalse(setup.ready());
    assertEquals("no libnvidia-opencl.so.1 found: no ICD file in " + vendors + " names it, and it is not in "
        + other + ", " + lib + " and the ld.so cache", setup.missing());
    assertEquals(0, Files.list(dir.resolve("tmp")).count(), "no folder is made when there is nothing to name");
  }

  /** Containers often keep the driver package's ICD file without mounting the library it names. */
  @Test
  void anInstalledIcdFileNamingALibraryThatIsNotThereIsSaidSo() throws Exception {
    Path vendors = folder("vendors");
    Files.writeString(vendors.resolve("nvidia.icd"), "libnvidia-opencl.so.1\n");
    Path lib = folder("lib", "libOpenCL.so.1");
    IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA, places(Map.of(), vendors, List.of(lib), List.of(), null));
    assertEquals("no libnvidia-opencl.so.1 found: the ICD file " + vendors.resolve("nvidia.icd") + " names it, but it "
        + "is not in " + lib + " and the ld.so cache", setup.missing());
  }

  @Test
  void withoutAnIcdLoaderTheBundledOneIsPutOnTheLoaderPathOrItSaysWhyNot() throws Exception {
    Path vendors = folder("vendors");
    Path driver = folder("driver", "libnvidia-opencl.so.1");
    Files.writeString(vendors.resolve("nvidia.icd"), driver.resolve("libnvidia-opencl.so.1") + "\n");
    Path lib = folder("lib");
    Path noBundle = folder("bundle-without");
    IcdVendors.Setup none = IcdVendors.prepare(NVIDIA, places(Map.of(), vendors, List.of(lib), List.of(), noBundle));
    assertEquals("no OpenCL ICD loader (libOpenCL.so.1) found; looked in " + lib + " and the ld.so cache and "
        + noBundle, none.missing());
    Path bundled = folder("bundle-opencl", "libOpenCL.so.1");
    try (IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA,
        places(Map.of("LD_LIBRARY_PATH", "/opt/x"), vendors, List.of(lib), List.of(), bundled))) {
      assertTrue(setup.ready(), setup.missing());
      assertEquals(Map.of("LD_LIBRARY_PATH", bundled + ":/opt/x"), setup.env());
      assertEquals("the bundle's ICD loader " + bundled.resolve("libOpenCL.so.1") + " (none on this machine); "
          + "the installed ICD file " + vendors.resolve("nvidia.icd"), setup.how());
    }
  }

  @Test
  void oclIcdVendorsAlreadySetIsTheFolderRead() throws Exception {
    Path own = folder("own");
    Files.writeString(own.resolve("mine.icd"), folder("opt", "libnvidia-opencl.so.1").resolve("libnvidia-opencl.so.1") + "\n");
    try (IcdVendors.Setup setup = IcdVendors.prepare(NVIDIA, places(Map.of("OCL_ICD_VENDORS", own.toString()),
        folder("vendors"), List.of(folder("lib", "libOpenCL.so.1")), List.of(), null))) {
      assertEquals("the installed ICD file " + own.resolve("mine.icd"), setup.how());
    }
  }
}
