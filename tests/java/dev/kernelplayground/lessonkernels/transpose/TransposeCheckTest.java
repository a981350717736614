package dev.kernelplayground.lessonkernels.transpose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.aparapi.Grid;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatorException;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.lessonkernels.AparapiCase;
import dev.kernelplayground.notebook.NotebookSession;
import dev.kernelplayground.notebook.Playground;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.problem.TransposeProblem;
import dev.kernelplayground.reference.TransposeReference;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.OpenCl;
import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transpose family's check catches wrong transposes (the right ones pass in LessonKernelsTest and
 * KernelLibraryOnEmulatorTest, at the family's odd shapes): a copy with x's stride, a grid that skips the
 * partial edge tiles, a CUDA tile written back without being turned. And a notebook cell runs both kinds of
 * kernel by name.
 */
class TransposeCheckTest {
  private static final BenchConfig ONCE_MORE = new BenchConfig(0, 1);

  @Test
  void theReferenceMovesEveryValueToItsMirroredPlace() {
    float[] x = {1, 2, 3, 4, 5, 6}; // 2×3
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, TransposeReference.compute(x, 2, 3));
    TransposeProblem p = TransposeProblem.random(3, 5, 7);
    assertEquals("5 × 3 (row × col)", p.expected().layout().toString(), "out is cols×rows");
    assertEquals("bit exact (a copy)", p.expected().rule());
  }

  @Tag("opencl")
  @Test
  void aCopyWithTheInputsStrideFailsOnOpenCl() {
    AparapiDevice cl = OpenCl.firstDevice();
    for (int[] shape : new int[][] {{1823, 781}, {33, 31}}) {
      TrialResult r = run(copyInsteadOfTranspose(problem(shape), cl));
      assertFalse(r.passed(), "a copy passed as a transpose at " + shape[0] + "×" + shape[1]);
      assertTrue(r.check().findings().get(0).contains("further from the reference"), r.check().findings().toString());
    }
  }

  @Test
  void aCopyWithTheInputsStrideFailsOnTheJavaThreadPool() {
    TrialResult r = run(copyInsteadOfTranspose(problem(new int[] {37, 29}), AparapiDeviceList.byId(AparapiDeviceList.JTP)));
    assertFalse(r.passed());
  }

  @Tag("opencl")
  @Test
  void aGridThatSkipsThePartialEdgeTilesFails() {
    TransposeProblem p = problem(new int[] {1823, 781});
    int tile = TiledTransposeKernel.TILE;
    KernelCase edgeless = AparapiCase.of("transpose_tiled_without_edges", p,
        out -> TiledTransposeKernel.padded(p.x(), out, p.rows(), p.cols()),
        k -> new Grid(p.cols() / tile * tile, p.rows() / tile * tile, tile, tile), tile, OpenCl.firstDevice());
    TrialResult r = run(edgeless);
    assertFalse(r.passed());
    assertTrue(r.check().neverWritten() > 0, r.check().findings().toString());
    assertTrue(r.check().edgeHint() != null, "the check points at the edge tiles: " + r.check().findings());
  }

  @Test
  void aCudaTileWrittenBackUnturnedFailsOnTheEmulator(@TempDir Path dir) throws Exception {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the CUDA emulator needs g++ or clang++ on PATH");
    String padded = Files.readString(KernelLibrary.find().root().resolve("transpose/02_shared_padded.cu"));
    String unturned = padded.replace("tile[threadIdx.x][j];", "tile[j][threadIdx.x];");
    assertFalse(unturned.equals(padded), "the planted bug is in place");
    Path file = Files.writeString(dir.resolve("02_unturned.cu"), unturned);
    BoundKernel bound = BoundKernel.bind(KernelSource.load(file), Map.of("rows", 67, "cols", 45),
        RandomInputs.newSeed());
    // With the sanitizer on (the default) the edge blocks' reads of tile slots no thread filled are named at
    // their line; with it off, the check still catches the wrong values.
    EmulatorException found = assertThrows(EmulatorException.class,
        () -> run(new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT).prepare(bound)));
    assertEquals(EmulatorException.Kind.SHARED_UNINITIALIZED_READ, found.kind(), found.getMessage());
    assertTrue(found.getMessage().startsWith("02_unturned.cu:"), found.getMessage());
    TrialResult r = run(new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT).sanitize(false).prepare(bound));
    assertFalse(r.passed(), "an unturned tile passed");
    assertTrue(r.check().wrongValues() > 0, r.check().findings().toString());
  }

  @Test
  void aNotebookCellRunsTheJavaAndTheCudaTransposeByName() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the CUDA emulator needs g++ or clang++ on PATH");
    try (NotebookSession notebook = NotebookSession.open()) {
      TrialResult java = Playground.run("transpose_tiled", 33, 31);
      assertTrue(java.passed(), java.check().findings().toString());
      TrialResult cuda = Playground.cuda("kernels/transpose/02_shared_padded.cu", 33, 31);
      assertTrue(cuda.passed(), cuda.check().findings().toString());
      assertEquals(Playground.cudaBackend(), cuda.timing().target().backend().id());
    }
  }

  private static TransposeProblem problem(int[] shape) {
    return TransposeProblem.random(shape[0], shape[1], RandomInputs.newSeed());
  }

  private static KernelCase copyInsteadOfTranspose(TransposeProblem p, AparapiDevice device) {
    return AparapiCase.of("transpose_copy_stride", p,
        out -> new CopyInsteadOfTransposeKernel(p.x(), out, p.rows(), p.cols()), CopyInsteadOfTransposeKernel::grid,
        16, device);
  }

  private static TrialResult run(KernelCase c) {
    return Trial.run(c, ONCE_MORE, CacheFlush.NONE);
  }
}
