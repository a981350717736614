package dev.kernelplayground.notebook;

import dev.kernelplayground.problem.RandomInputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.testing.OpenCl;
import dev.kernelplayground.testing.Runtimes;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.emulator.Emulator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Java cells through JShell in this JVM: several snippets a cell, values as objects, errors at the cell's lines. */
class JavaCellsTest {
  private static NotebookSession session;
  private static JavaCells java;
  private static Cells cells;

  @BeforeAll
  static void start() {
    session = NotebookSession.open();
    cells = new Cells(session);
    java = cells.java();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  @Test
  void aCellHoldsStatementsMethodsAndClassesAndShowsItsLastValue() {
    Object value =
        java.eval("""
            int base = 40;
            int plus(int a, int b) { return a + b; }
            record Pair(int a, int b) {}
            var p = new Pair(1, 1);
            plus(base, p.a() + p.b())
            """);
    assertEquals(42, value);
    assertEquals(43, java.eval("base + 3"), "definitions outlive their cell");
    assertNull(java.eval("int unused = 1;"), "a declaration shows nothing");
  }

  @Test
  void expressionValuesLeaveNoHiddenVariablesBehind() {
    long before = java.variableCount();
    for (int i = 0; i < 30; i++) {
      assertEquals(i + 1, java.eval("1 + " + i));
      assertEquals("x" + i, java.eval("\"x\" + " + i)); // an object, fetched through a second snippet
    }
    assertEquals(before, java.variableCount(), "JShell's $N variables, which every later snippet is compiled against");
    java.eval("int kept = 7;");
    assertEquals(before + 1, java.variableCount(), "the learner's own variables stay");
  }

  @Test
  void anExpressionRunsAsOneDeclarationAndWhatCannotRunsOnceAsWritten() {
    long variables = java.variableCount();
    assertEquals(5, java.eval("2 + 3 // a comment after the expression"));
    String declared = java.lastSnippets(1).get(0);
    assertTrue(declared.startsWith("Object $kpValue"), "compiled once, not typed first: " + declared);
    assertEquals("null", java.eval("(String) null"), "as JShell shows a null value");
    java.eval("java.util.List<Integer> bumps = new java.util.ArrayList<>();\nvoid bump() { bumps.add(bumps.size()); }");
    assertNull(java.eval("bumps.add(-1);\nbump()"), "a void call has no value");
    List<String> last = java.lastSnippets(2);
    assertTrue(last.get(0).startsWith("Object $kpValue") && last.get(1).strip().equals("bump()"),
        "rejected as a declaration ('void' type not allowed here), it ran as written: " + last);
    assertEquals(List.of(-1, 1), java.eval("bumps"), "and ran once: nothing runs when the declaration is rejected");
    assertNull(java.eval("bump( )"));
    last = java.lastSnippets(2);
    assertTrue(!last.get(0).contains("bump(") && last.get(1).strip().equals("bump( )"), "a void callee is tried once: " + last);
    assertEquals(List.of(-1, 1, 2), java.eval("bumps"));
    java.eval("List<Integer> bump() { return bumps; }"); // redefined to return a value: the remembered guess is wrong
    assertSame(java.eval("bumps"), java.eval("bump()"), "run as written, its value is still the object itself");
    CellError e = assertThrows(CellError.class, () -> java.eval("int minuend = 1;\n\"text\" - minuend"));
    assertTrue(e.lines().get(0).startsWith("line 2: bad operand types"), "JShell's error for the learner's own code: " + e.getMessage());
    CellError thrown = assertThrows(CellError.class, () -> java.eval("Integer.parseInt(\"x\" + minuend)"));
    assertTrue(thrown.getMessage().startsWith("java.lang.NumberFormatException: For input string: \"x1\""), thrown.getMessage());
    assertEquals(variables + 2, java.variableCount(), "bumps and minuend; no $kpValue variable left");
  }

  @Test
  void onlyTheActiveDeclarationsKeepClassFilesForJavacToList() {
    int before = java.classFileCount();
    assertTrue(before >= 0, "JShell's compiler is reachable (surefire opens jdk.jshell as kp.jar's manifest does)");
    java.eval("int sweptAcc = 0;");
    long seed = new SplittableRandom().nextLong();
    SplittableRandom random = new SplittableRandom(seed);
    int expected = 0;
    for (int i = 0; i < 10; i++) {
      int k = random.nextInt(1000);
      assertEquals(k + 1, java.eval(k + " + 1"), "seed " + seed);
      assertEquals("x" + k, java.eval("\"x\" + " + k)); // an object: a second snippet fetches it
      assertEquals("anon" + k, java.eval("new Object() { public String toString() { return \"anon\" + " + k + "; } }.toString()"));
      assertEquals(k * 2, java.eval("java.util.stream.IntStream.of(" + k + ").map(v -> v * 2).sum()"));
      java.eval("for (int j = 0; j < 3; j++) { sweptAcc += " + k + "; }"); // a statement
      expected += 3 * k;
      assertThrows(CellError.class, () -> java.eval("Integer.parseInt(\"not a number\")"));
      java.eval("int sweptTwice(int v) { return v * 2 + " + k + " - " + k + "; }"); // a cell run again, edited
      java.eval("record SweptPair(int a, int b) { int sum() { return a + b + sweptTwice(0); } }");
      java.eval("int sweptLast = " + k + ";");
      assertEquals(k + 7, java.eval("new SweptPair(sweptLast, 7).sum()"), "seed " + seed);
    }
    assertEquals(expected, java.eval("sweptAcc"), "the declaration and what the statements did to it stay; seed " + seed);
    assertEquals(before + 5, java.classFileCount(), "the class files of sweptAcc, sweptTwice, sweptLast and SweptPair"
        + " (its wrapper and the record) are all that is left: javac lists every one of them on every later compile");
  }

  @Test
  void theValueIsTheObjectItselfSoItCanRenderRichly() {
    Object value = java.eval("Playground.use(\"jtp\");\nPlayground.run(\"vector_add\", 7L, 1001)");
    TrialResult trial = assertInstanceOf(TrialResult.class, value);
    assertTrue(trial.passed(), trial.check().findings().toString());
    assertEquals(7L, trial.check().seed());
  }

  @Test
  void aCompileErrorNamesTheCellsOwnLine() {
    CellError e = assertThrows(CellError.class, () -> java.eval("int a = 1;\n\nint b = 2;\nString s = a + b;"));
    assertTrue(e.lines().get(0).startsWith("line 4: incompatible types"), e.getMessage());
    assertTrue(e.getMessage().contains("String s = a + b;"), e.getMessage());
  }

  @Test
  void anExceptionIsReportedWithoutKernelInternals() {
    CellError e = assertThrows(CellError.class, () -> java.eval("int[] xs = new int[2];\nxs[5] = 1;"));
    assertTrue(e.getMessage().contains("ArrayIndexOutOfBoundsException"), e.getMessage());
    assertFalse(e.getMessage().contains("dev.kernelplayground.notebook"), e.getMessage());
  }

  @Test
  void incompleteCodeIsRecognised() {
    assertEquals("incomplete", java.completeness("for (int i = 0; i < 3; i++) {"));
    assertEquals("complete", java.completeness("int z = 3;"));
    assertEquals("complete", cells.completeness("%device"));
    CellError e = assertThrows(CellError.class, () -> java.eval("int q = 1;\nif (q > 0) {"));
    assertTrue(e.getMessage().startsWith("line 2: this code is not complete"), e.getMessage());
  }

  @Test
  void completionOffersMembers() {
    JavaCells.Completions c = java.complete("\"abc\".toUpp", 11);
    assertTrue(c.names().contains("toUpperCase("), c.names().toString());
    assertEquals(6, c.start());
  }

  @Test
  void stopEndsARunawayLoop() throws Exception {
    CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
      try {
        return java.eval("long n = 0;\nwhile (true) { n++; }");
      } catch (CellError e) {
        return e;
      }
    });
    Thread.sleep(500);
    java.stop(); // once: the cell may still be compiling, and stop() must reach it anyway
    Object result = running.get(30, TimeUnit.SECONDS);
    assertInstanceOf(CellError.class, result);
    assertEquals(5, java.eval("2 + 3"), "the engine keeps working after a stop");
  }

  @Tag("opencl")
  @Test
  void aKernelWrittenInACellRunsOnOpenClAndOnJavaThreads() {
    OpenCl.firstDevice();
    java.eval("""
        class Scale extends Kernel {
          final float[] x, out; final int n;
          @Local final float[] staged = new float[64];
          Scale(float[] x, float[] out) { this.x = x; this.out = out; this.n = out.length; }
          @Override public void run() {
            int i = getGlobalId();
            staged[getLocalId()] = i < n ? x[i] : 0f;
            localBarrier();
            float sum = 0f;
            for (int j = 0; j < 3; j++) { sum += staged[getLocalId()]; }
            if (i < n) { out[i] = sum; }
          }
        }
        """);
    Object where = java.eval("""
        float[] xs = new float[1000], ys = new float[1000];
        for (int i = 0; i < xs.length; i++) xs[i] = i;
        AparapiRunner.run(new Scale(xs, ys), Grid.oneD(1000, 64), AparapiDeviceList.byId("opencl:0"))
        """);
    assertEquals(Backend.OPENCL, assertInstanceOf(ExecutionTarget.class, where).backend());
    assertEquals(3f * 999, java.eval("ys[999]"));
    Object onThreads = java.eval("""
        float[] zs = new float[1000];
        AparapiRunner.run(new Scale(xs, zs), Grid.oneD(1000, 64), AparapiDeviceList.byId("jtp"))
        """);
    assertEquals(Backend.JAVA, ((ExecutionTarget) onThreads).backend());
    assertEquals(3f * 500, java.eval("zs[500]"));
  }

  @Tag("opencl")
  @Test
  void aCellKernelThatCannotBeTranslatedIsNamed() {
    OpenCl.firstDevice();
    java.eval("""
        class Boxed extends Kernel {
          final float[] out; Boxed(float[] out) { this.out = out; }
          @Override public void run() { float[] t = new float[2]; out[getGlobalId()] = t.length; }
        }
        """);
    CellError e = assertThrows(CellError.class,
        () -> java.eval("AparapiRunner.run(new Boxed(new float[64]), Grid.oneD(64, 64), AparapiDeviceList.byId(\"opencl:0\"))"));
    assertTrue(e.getMessage().contains("Boxed cannot run on OpenCL") && e.getMessage().contains("allocates with new"), e.getMessage());
  }

  private static final String CUDA_ADD = """
      %%cuda
      // @kp kernel:  add_from_a_cell
      // @kp teaches: a kernel defined in a notebook cell
      // @kp check:   vector_add n
      // @kp args:    const float* a, const float* b, float* out, int n
      // @kp grid:    cdiv(n, 128), 1, 1
      // @kp block:   128, 1, 1
      // @kp smem:    0
      extern "C" __global__ void add_from_a_cell(const float* a, const float* b, float* out, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        GUARD out[i] = a[i] + b[i];
      }
      """;

  @Test
  void aCudaCellCompilesAndItsKernelRunsFromJavaWithItsCheck() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the emulator needs g++");
    String report = (String) cells.run(CUDA_ADD.replace("GUARD", "if (i < n)"));
    assertTrue(report.contains("callable from Java: Playground.cuda(\"add_from_a_cell\", n)"), report);
    if (CudaToolkit.find().isPresent()) {
      assertTrue(report.contains("occupancy on one GeForce RTX 4090 SM"), report);
    }
    Playground.use("emulator");
    TrialResult trial = assertInstanceOf(TrialResult.class, java.eval("Playground.cuda(\"add_from_a_cell\", 3L, 100_003)"));
    assertTrue(trial.passed(), trial.check().findings().toString());
    assertEquals(Backend.EMULATOR, trial.check().target().backend());
    // The same words as kp run for the wrong number of sizes: one rule, in the problem family.
    CellError sizes = assertThrows(CellError.class, () -> java.eval("Playground.cuda(\"add_from_a_cell\", 3L, 10, 20)"));
    assertTrue(sizes.getMessage().contains("add_from_a_cell takes 1 size (n), got 2"), sizes.getMessage());
  }

  @Test
  void aCudaCellThatWritesPastTheEndIsCaughtAtItsLine() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the emulator needs g++");
    cells.run(CUDA_ADD.replace("add_from_a_cell", "unguarded_add").replace("GUARD ", ""));
    Playground.use("emulator");
    CellError e = assertThrows(CellError.class, () -> java.eval("Playground.cuda(\"unguarded_add\", 1000)"));
    assertTrue(e.getMessage().contains("out-of-bounds") && e.getMessage().contains(".cu:11"), e.getMessage());
  }

  @Test
  void aCudaCellWithoutAHeaderLaunchesFromJavaWithArraysCopiedInAndOut() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the emulator needs g++");
    String report = (String) cells.run("""
        %%cuda
        __global__ void saxpy_cell(float a, const float* x, const float* y, float* out, int n) {
          int i = blockIdx.x * blockDim.x + threadIdx.x;
          if (i < n - 3) out[i] = a * x[i] + y[i];
        }
        """);
    assertTrue(report.contains("Cuda.kernel(\"saxpy_cell\").launch("), report);
    long seed = RandomInputs.newSeed();
    int n = 1000 + new SplittableRandom(seed).nextInt(5000);
    Object shown = java.eval("""
        int n = %d;
        float[] x = new float[n], y = new float[n], out = new float[n];
        var r = new java.util.Random(%d);
        for (int i = 0; i < n; i++) { x[i] = r.nextFloat(); y[i] = r.nextFloat(); }
        var launch = Cuda.kernel("saxpy_cell").launch(Cuda.grid(Cuda.cdiv(n, 256)), Cuda.block(256), 2.0f, x, y, out, n);
        boolean right = true;
        for (int i = 0; i < n - 3; i++) right &= out[i] == 2.0f * x[i] + y[i];
        right && Float.isNaN(out[n - 1]) ? launch : "seed %d: wrong values"
        """.formatted(n, seed, seed));
    String text = shown.toString();
    assertTrue(text.startsWith("saxpy_cell<<<(" + (n + 255) / 256 + ",1,1), (256,1,1), 0>>> ran on emulator"), text);
    assertTrue(text.contains("out") && text.contains("; 3 of " + n + " elements are NaN (never written?)"), text);
    CellError wrongCount = assertThrows(CellError.class,
        () -> java.eval("Cuda.kernel(\"saxpy_cell\").launch(Cuda.grid(1), Cuda.block(32), 2.0f, x, y, out)"));
    assertTrue(wrongCount.getMessage().contains("saxpy_cell(float a, const float* x, const float* y, float* out, int n)"
        + " takes 5 arguments, but 4 were given"), wrongCount.getMessage());
    CellError outOfBounds = assertThrows(CellError.class, () -> java.eval(
        "Cuda.kernel(\"saxpy_cell\").launch(Cuda.grid(Cuda.cdiv(n, 256)), Cuda.block(256), 2.0f, x, y, out, n + 10)"));
    assertTrue(outOfBounds.getMessage().contains("out-of-bounds access: x[" ), outOfBounds.getMessage());
  }

  @Test
  void aCudaCellRunsAsAWholeProgramWithItsOutputStreamed() throws Exception {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the emulator needs g++");
    int n = 1 + new SplittableRandom().nextInt(100_000);
    String program = """
        %%cuda --run ARG
        #include <cstdio>
        __global__ void fill(int* x, int n) {
          int i = blockIdx.x * blockDim.x + threadIdx.x;
          if (i < n) x[i] = i;
        }
        int main(int argc, char** argv) {
          int n = atoi(argv[1]);
          int* x;
          cudaMallocManaged(&x, n * sizeof(int));
          fill<<<(n + 127) / 128, 128>>>(x, n);
          cudaDeviceSynchronize();
          long long s = 0;
          for (int i = 0; i < n; i++) s += x[i];
          printf("n=%d sum=%lld\\n", n, s);
          cudaFree(x);
          return s == (long long)n * (n - 1) / 2 ? 0 : 1;
        }
        """;
    PrintStream old = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Object shown;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      shown = cells.run(program.replace("ARG", Integer.toString(n)));
    } finally {
      System.setOut(old);
    }
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("n=" + n + " sum="), printed.toString());
    assertTrue(shown.toString().contains("exit status 0"), shown.toString());
    CellError exit = assertThrows(CellError.class, () -> cells.run(program.replace("ARG", "0").replace("? 0 : 1", "? 7 : 7")));
    assertTrue(exit.getMessage().contains("exit status 7"), exit.getMessage());
    CellError noMain = assertThrows(CellError.class, () -> cells.run("%%cuda --run\n__global__ void k() {}\n"));
    assertTrue(noMain.getMessage().contains("this cell has no main()"), noMain.getMessage());
  }

  @Test
  void aCudaCompileErrorNamesTheCellsLine() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "the emulator needs g++");
    CellError e = assertThrows(CellError.class,
        () -> cells.run("%%cuda\n__global__ void broken(float* x) {\n  x[0] = undefined_thing;\n}\n"));
    assertTrue(e.getMessage().contains(".cu:3"), e.getMessage());
    assertTrue(e.getMessage().contains("undefined_thing"), e.getMessage());
  }

  @Test
  void aCheckCellSaysSolvedOrWhatIsLeftAndNeverFailsTheCell() {
    assertEquals("✓ exercise twice: solved", cells.run("%%check twice\nint twice(int x) { return 2 * x; }\ntwice(21) == 42"));
    String wrong = cells.run("%%check sum\n1 + 1 == 3").toString();
    assertEquals("✗ exercise sum: not yet solved — the check returned false", wrong);
    String broken = cells.run("%%check starter\nnotWrittenYet(3) == 9").toString();
    assertTrue(broken.startsWith("✗ exercise starter: not yet solved — line 1: cannot find symbol"), broken);
    assertFalse(session.exercises().results().get("sum").solved());
    assertTrue(session.exercises().results().get("twice").solved());
  }

  @Test
  void magicsPickTheDeviceAndTimeACell() {
    assertTrue(cells.run("%device jtp").toString().contains("* jtp"));
    assertTrue(cells.run("%device emulator").toString().contains("* emulator"));
    CellError unknown = assertThrows(CellError.class, () -> cells.run("%device cuda:9"));
    assertTrue(unknown.getMessage().contains("no Aparapi device 'cuda:9'"), unknown.getMessage());
    CellError magic = assertThrows(CellError.class, () -> cells.run("%frobnicate"));
    assertTrue(magic.getMessage().contains("%device"), magic.getMessage());
    assertEquals(12, cells.run("%%time\n3 * 4"));
  }
}
