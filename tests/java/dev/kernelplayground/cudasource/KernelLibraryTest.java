package dev.kernelplayground.cudasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.problem.ProblemFamilies;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.problem.ReferenceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernels/ folder of this repository: every file's header parses and launches at odd sizes. */
class KernelLibraryTest {
  /** Sizes that are not multiples of any tile, plus the smallest problems. */
  static List<Map<String, Integer>> oddSizes(ReferenceCheck check) {
    ProblemFamily<?> family = check.family();
    return family.tests().launches().stream().map(family::named).toList();
  }

  @Test
  void isFoundFromASubFolderAndListsTheFamilies() {
    KernelLibrary library = KernelLibrary.find(Path.of("src", "main"));
    // One folder per problem family.
    assertEquals(ProblemFamilies.all().stream().map(ProblemFamily::name).sorted().toList(), library.families());
    List<String> matmul = library.files("matmul").stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of("01_naive.cu", "02_coalesced.cu", "03_shared_tiled.cu", "04_blocktile_1d.cu",
        "05_blocktile_2d.cu", "06_vectorized_float4.cu", "07_warptile.cu", "08_wmma_fp16.cu"), matmul);
    assertEquals(4, library.files("softmax").size());
    assertEquals(4, library.files("attention").size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> library.files("fft"));
    assertTrue(e.getMessage().contains("the families are attention, "), e.getMessage());
    assertTrue(e.getMessage().contains(", copy, "), e.getMessage());
  }

  @Test
  void aNotebookOutsideTheCheckoutFindsTheCheckoutsLibraryAndANearerOneWins(@TempDir Path home) throws Exception {
    Path notebooks = Files.createDirectories(home.resolve("notebooks"));
    // the tests run from the checkout's root, and this code from its target/: the learner's home in the image
    assertEquals(Path.of(KernelLibrary.FOLDER).toAbsolutePath(), KernelLibrary.find(notebooks).root());
    Path own = Files.createDirectories(home.resolve(KernelLibrary.FOLDER).resolve("mine"));
    Files.writeString(own.resolve("01_mine.cu"), "__global__ void mine() {}\n");
    assertEquals(home.resolve(KernelLibrary.FOLDER), KernelLibrary.find(notebooks).root());
    assertEquals(List.of("mine"), KernelLibrary.find(notebooks).families());
  }

  @Test
  void everyKernelHasAHeaderThatLaunchesAtOddSizes() {
    List<KernelSource> kernels = KernelLibrary.find().all();
    assertTrue(kernels.size() >= 18, "kernels found: " + kernels.size());
    Set<String> names = new HashSet<>();
    for (KernelSource kernel : kernels) {
      KernelHeader header = kernel.header();
      assertFalse(header.teaches().isBlank(), kernel.id());
      // One __global__ per launch block: the file holds exactly the kernels its header launches.
      assertEquals(header.kernelNames(), List.copyOf(GlobalFunctions.of(kernel.text()).keySet()).stream()
          .filter(header.kernelNames()::contains).toList(), kernel.id());
      assertEquals(header.launches().size(), GlobalFunctions.of(kernel.text()).size(), kernel.id());
      for (String name : header.kernelNames()) {
        assertTrue(names.add(name), "kernel name used twice: " + name + " in " + kernel.id());
      }
      for (Map<String, Integer> sizes : oddSizes(header.check())) {
        for (LaunchSpec launch : header.launches()) {
          LaunchDims dims = launch.evaluate(sizes);
          assertTrue(dims.blocks() >= 1 && dims.threadsPerBlock() >= 1, kernel.id() + " " + dims);
          for (KernelParam arg : launch.args()) {
            switch (arg.role()) {
              case SCRATCH -> assertTrue(arg.scratchElements(sizes) >= 1, kernel.id() + " " + arg);
              case SCALAR, SIZE -> assertTrue(Double.isFinite(arg.scalarValue(sizes).doubleValue()), arg.toString());
              default -> {}
            }
          }
        }
      }
    }
  }

  @Test
  void aOneByOneMatmulIsOneBlock() {
    // A grid written with + 1 instead of cdiv would launch an extra, idle block (or worse, rely on it).
    for (Path file : KernelLibrary.find().files("matmul")) {
      LaunchSpec launch = KernelSource.load(file).header().launches().get(0);
      LaunchDims small = launch.evaluate(Map.of("m", 1, "n", 1, "k", 1));
      assertEquals(1, small.blocks(), file + ": a 1x1 problem needs one block");
    }
  }

  @Test
  void aFolderWithoutKernelsIsAClearError(@TempDir Path empty) throws Exception {
    Files.createDirectories(empty.resolve("a").resolve("b"));
    Path code = Files.createDirectories(empty.resolve("elsewhere").resolve("target").resolve("classes"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelLibrary.find(empty.resolve("a").resolve("b"), code).families());
    assertTrue(e.getMessage().contains("no 'kernels/' folder"), e.getMessage());
  }
}
