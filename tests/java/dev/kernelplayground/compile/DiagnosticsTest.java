package dev.kernelplayground.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nvcc's messages about its temporary copy point at the user's file, with the user's source line. */
class DiagnosticsTest {
  @Test
  void messagesAboutTheCopyPointAtTheUsersFile() throws IOException {
    // nvcc 13.0 output for a real typo, edited: paths shortened, a warning and a system-header error added.
    String output = PtxasReportTest.resource("nvcc-13.0-errors-edited.txt");
    String source = "__global__ void foo(float* out) {\n  out[0] = undefined_thing;\n  int x =\n}\n";
    Path user = Path.of("kernels", "mine", "typo.cu");
    List<Diagnostic> found = CudaCompiler.diagnostics(output, Path.of("/tmp/kp-nvcc-123/typo.cu"), user, source);
    assertEquals(4, found.size());
    assertEquals(new Diagnostic(user.toString(), 2, "error", "identifier \"undefined_thing\" is undefined",
        "  out[0] = undefined_thing;"), found.get(0));
    assertEquals(4, found.get(1).line());
    assertEquals("warning", found.get(2).severity());
    assertEquals("variable \"x\" was declared but never referenced", found.get(2).message());
    Diagnostic header = found.get(3);
    assertEquals("/usr/local/cuda/include/cuda_fp16.hpp", header.file());
    assertEquals("", header.sourceLine());
    assertEquals(user + ":2: error: identifier \"undefined_thing\" is undefined\n  2 |   out[0] = undefined_thing;",
        found.get(0).render());
  }
}
