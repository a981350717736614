package dev.kernelplayground.compile;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one nvcc finder, on stand-in toolkits (shell scripts), so it needs no CUDA. */
class CudaToolkitTest {
  @TempDir Path dir;
  private Path toolkitBin;

  @BeforeEach
  void standInToolkit() throws Exception {
    toolkitBin = Files.createDirectories(dir.resolve("cuda-12.4").resolve("bin"));
    script(toolkitBin.resolve("nvcc"), "echo 'nvcc: NVIDIA (R) Cuda compiler driver'; echo 'Cuda compilation tools, release 12.4, V12.4.99'");
    script(toolkitBin.resolve("ptxas"), "exit 0");
  }

  private static void script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void kpNvccPointingNowhereMeansNoToolkitEvenWhenOneIsOnThePath() {
    Map<String, String> env = env("KP_NVCC", dir.resolve("nowhere/nvcc").toString(), "PATH", toolkitBin.toString(),
        "CUDA_HOME", toolkitBin.getParent().toString());
    assertEquals(Optional.empty(), CudaToolkit.find(env));
    String why = CudaToolkit.whereLooked(env);
    assertTrue(why.startsWith("no nvcc at KP_NVCC=" + dir.resolve("nowhere/nvcc")), why);
  }

  @Test
  void theKpNvccPropertyChoosesInsideThisJvmAndUnsettingItRestoresTheSearch() {
    Optional<CudaToolkit> searched = CudaToolkit.find();
    try {
      System.setProperty(CudaToolkit.NVCC_PROPERTY, dir.resolve("nowhere/nvcc").toString());
      assertEquals(Optional.empty(), CudaToolkit.find());
      assertTrue(CudaToolkit.whereLooked().startsWith("no nvcc at KP_NVCC=" + dir.resolve("nowhere/nvcc")), CudaToolkit.whereLooked());
      System.setProperty(CudaToolkit.NVCC_PROPERTY, toolkitBin.resolve("nvcc").toString());
      assertEquals(toolkitBin.resolve("nvcc"), CudaToolkit.find().orElseThrow().nvcc());
    } finally {
      System.clearProperty(CudaToolkit.NVCC_PROPERTY);
    }
    assertEquals(searched, CudaToolkit.find());
  }

  @Test
  void kpNvccNamingAFolderOrAPlainFileMeansNoToolkit() throws Exception {
    assertEquals(Optional.empty(), CudaToolkit.find(env("KP_NVCC", toolkitBin.toString(), "PATH", toolkitBin.toString())));
    Path plain = Files.writeString(dir.resolve("nvcc"), "not a program");
    assertEquals(Optional.empty(), CudaToolkit.find(env("KP_NVCC", plain.toString(), "PATH", toolkitBin.toString())));
  }

  @Test
  void kpNvccChoosesTheNvccAndItsPtxas() {
    CudaToolkit found = CudaToolkit.find(env("KP_NVCC", toolkitBin.resolve("nvcc").toString(), "PATH", "")).orElseThrow();
    assertEquals(toolkitBin.resolve("nvcc"), found.nvcc());
    assertEquals(toolkitBin.resolve("ptxas"), found.ptxas());
    assertEquals("release 12.4, V12.4.99", found.version());
    assertEquals(Optional.of("12.4"), found.release());
  }

  @Test
  void kpNvccThroughALinkFindsThePtxasBesideTheRealFile() throws Exception {
    Path links = Files.createDirectories(dir.resolve("links"));
    Files.createSymbolicLink(links.resolve("nvcc"), toolkitBin.resolve("nvcc"));
    CudaToolkit found = CudaToolkit.find(env("KP_NVCC", links.resolve("nvcc").toString())).orElseThrow();
    assertEquals(links.resolve("nvcc"), found.nvcc());
    assertEquals(toolkitBin.toRealPath().resolve("ptxas"), found.ptxas());
  }

  @Test
  void aBlankKpNvccIsUnset() {
    CudaToolkit found = CudaToolkit.find(env("KP_NVCC", " ", "CUDA_HOME", toolkitBin.getParent().toString())).orElseThrow();
    assertEquals(toolkitBin.resolve("nvcc"), found.nvcc());
  }

  @Test
  void cudaHomeComesBeforeThePath() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    script(other.resolve("nvcc"), "echo 'Cuda compilation tools, release 13.0, V13.0.88'");
    script(other.resolve("ptxas"), "exit 0");
    Map<String, String> env = env("CUDA_HOME", toolkitBin.getParent().toString(), "PATH", other.toString());
    assertEquals(toolkitBin.resolve("nvcc"), CudaToolkit.find(env).orElseThrow().nvcc());
    assertEquals(other.resolve("nvcc"), CudaToolkit.find(env("PATH", other.toString())).orElseThrow().nvcc());
  }

  @Test
  void anNvccWithoutPtxasIsSkipped() throws Exception {
    Path lone = Files.createDirectories(dir.resolve("lone"));
    script(lone.resolve("nvcc"), "exit 0");
    Map<String, String> env = env("PATH", lone + ":" + toolkitBin);
    assertEquals(toolkitBin.resolve("nvcc"), CudaToolkit.find(env).orElseThrow().nvcc());
  }
}
