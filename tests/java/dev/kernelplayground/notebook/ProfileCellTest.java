package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.SourceProfile;
import dev.kernelplayground.report.ProfileHtml;
import dev.kernelplayground.testing.Runtimes;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code %%cuda --profile SIZE...} and {@code Playground.profile}: the kernel's own lines with a bar each, and the bound. */
class ProfileCellTest {
  private static NotebookSession session;
  private static Cells cells;

  private static final String STRIDED = """
      %%cuda --profile SIZE
      // @kp kernel:  strided_copy_in_a_cell
      // @kp teaches: every lane reads its own 32-byte sector
      // @kp check:   copy n
      // @kp args:    const float* x, float* out, int n
      // @kp grid:    cdiv(n, 128), 1, 1
      // @kp block:   128, 1, 1
      // @kp smem:    0
      extern "C" __global__ void strided_copy_in_a_cell(const float* x, float* out, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        int j = (int)(((long long)i * 8) % n);
        if (i < n) out[i] = x[j] * 0.0f + x[i];
      }
      """;

  @BeforeAll
  static void open() {
    session = NotebookSession.open();
    cells = new Cells(session);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @BeforeEach
  void needsCompiler() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the emulator needs g++");
  }

  @Test
  void aProfiledCellShowsItsOwnLinesWithBarsAndTheLabelledBound() {
    int n = new SplittableRandom().nextInt(2000, 9000);
    SourceProfile view = assertInstanceOf(SourceProfile.class, cells.run(STRIDED.replace("SIZE", Integer.toString(n))));
    KernelProfile p = view.profiles().get(0);
    assertEquals("strided_copy_in_a_cell", p.kernel());
    assertEquals((n + 31) / 32, p.total(AccessOp.GLOBAL_STORE).requests(), "n = " + n);
    String html = ProfileHtml.of(view);
    assertTrue(html.contains("if (i &lt; n) out[i] = x[j] * 0.0f + x[i];"), html);
    // Jupyter's stylesheets align table cells right; the kernel's lines must read from the left
    assertTrue(html.contains("<td style=\"text-align:left\" title=\"global_load: "), html);
    assertTrue(html.contains("background:#e07b39"), "a bar for the counted lines: " + html);
    assertTrue(html.contains("a lower bound from counted traffic (not a measurement)"), html);
    Object fromJava = session.java().eval("Playground.profile(\"strided_copy_in_a_cell\", " + n + ")");
    assertEquals(p.total(AccessOp.GLOBAL_LOAD).sectors(),
        assertInstanceOf(SourceProfile.class, fromJava).profiles().get(0).total(AccessOp.GLOBAL_LOAD).sectors());
  }

  @Test
  void aProfiledCellNeedsAHeaderAndSizes() {
    CellError noHeader = assertThrows(CellError.class,
        () -> cells.run("%%cuda --profile 100\n__global__ void k(float* x) { x[0] = 1; }\n"));
    assertTrue(noHeader.getMessage().contains("needs a // @kp header"), noHeader.getMessage());
    CellError badSize = assertThrows(CellError.class, () -> cells.run(STRIDED.replace("SIZE", "many")));
    assertTrue(badSize.getMessage().contains("'many' is not a size"), badSize.getMessage());
  }
}
