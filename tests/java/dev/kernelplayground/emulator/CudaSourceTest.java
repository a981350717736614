package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The source rewriting needs no compiler: it is checked on its text. */
class CudaSourceTest {
  private static String userPart(String rewritten) {
    int start = rewritten.indexOf('\n', rewritten.indexOf("#line 1 \"")) + 1;
    int end = rewritten.indexOf("\n#line 1 \"kp-kernel-table\"");
    return rewritten.substring(start, end);
  }

  @Test
  void pointerParametersBecomeCheckedPointersOnTheSameLines() {
    String source =
        "// comment with __global__ void fake(float* x)\n"
            + "__global__ void __launch_bounds__(256, 2) k(const float* __restrict__ a,\n"
            + "    float *b, int n, float* const c, const __half* h, int d[]) {\n"
            + "  b[0] = a[0]; /* multi\nline */ c[0] = 1;\n"
            + "}\n";
    CudaSource.Rewritten r = CudaSource.rewrite(source, "k.cu", List.of());
    String user = userPart(r.text());
    assertEquals(source.lines().count(), user.lines().count(), user);
    assertTrue(user.contains("::kp::gptr<const float> a"), user);
    assertTrue(user.contains("::kp::gptr<float> b"), user);
    assertTrue(user.contains("const ::kp::gptr<float> c"), user);
    assertTrue(user.contains("::kp::gptr<const __half> h"), user);
    assertTrue(user.contains("int n"), user);
    assertFalse(user.contains("fake"), "comments are blanked: " + user);
    assertEquals(List.of("k"), r.registered());
    assertTrue(user.contains("::kp::gptr<int> d"), user);
    assertEquals(List.of("a", "b", "n", "c", "h", "d"), r.kernels().get(0).parameters());
    assertEquals(2, r.kernels().get(0).line());
    assertTrue(r.text().contains("::kp::Register<&k >"), r.text());
  }

  @Test
  void externSharedBecomesThePerBlockDynamicBuffer() {
    String source =
        "extern __shared__ float top[];\n"
            + "__global__ void k(float* x) {\n"
            + "  extern __shared__ __align__(16) unsigned char raw[];\n"
            + "  x[0] = top[0] + raw[0];\n"
            + "}\n";
    String user = userPart(CudaSource.rewrite(source, "k.cu", List.of()).text());
    assertTrue(user.contains("static ::kp::DynamicShared<float> top;"), user);
    assertTrue(user.contains("::kp::sptr<unsigned char> raw{static_cast<unsigned char*>(::kp::dynamic_smem(\"raw\", "
        + "\"unsigned char\", sizeof(unsigned char)))};"), user);
    assertEquals(5, user.lines().count());
  }

  @Test
  void sharedDeclarationsInFunctionsArePoisonedOncePerBlock() {
    String source = "__shared__ float top[4];\n__global__ void k(float* x) {\n"
        + "  __shared__ __align__(16) float a[4][4], b[2];\n  __shared__ int n;\n  x[0] = a[0][0] + b[0] + n + top[0];\n}\n";
    String user = userPart(CudaSource.rewrite(source, "k.cu", List.of()).text());
    assertEquals(6, user.lines().count(), user);
    // Arrays become bounds-checked kp::sarr of the same bytes, named for the sanitizer's reports.
    assertTrue(user.contains("__shared__ __align__(16) ::kp::sarr<::kp::sarr<float, (4)>, (4)> a; "
        + "__shared__ __align__(16) ::kp::sarr<float, (2)> b;"), user);
    assertTrue(user.contains("::kp::name_shared_array(&a, \"a\", \"float\", &kp_named_1_0);"), user);
    assertTrue(user.contains("::kp::poison_shared(&a, sizeof(a), &kp_shared_1); ::kp::poison_shared(&b, sizeof(b), "
        + "&kp_shared_1);"), user);
    assertTrue(user.contains("__shared__ int n; static thread_local long long kp_shared_2 = 0;"), user);
    assertFalse(user.contains("poison_shared(&top"), "file-scope shared memory is left alone: " + user);
  }

  @Test
  void templatesRunOnlyAsRequestedInstantiations() {
    String source = "template <int T, typename F>\n__global__ void t(F* x, int n) { }\n__global__ void plain() {}\n";
    CudaSource.Rewritten r = CudaSource.rewrite(source, "t.cu", List.of("t<16, float>"));
    assertEquals(List.of("plain", "t<16,float>"), r.registered());
    assertTrue(r.kernels().get(0).template());
    assertTrue(r.text().contains("::kp::Register<&t<16,float> >(\"t<16,float>\""
        .replace(">(", "> kp_kernel_1(")), r.text());
    EmulatorException e =
        assertThrows(EmulatorException.class, () -> CudaSource.rewrite(source, "t.cu", List.of("plain<3>")));
    assertEquals(EmulatorException.Kind.INVALID_LAUNCH, e.kind());
    assertTrue(e.getMessage().contains("its kernel templates: t"), e.getMessage());
  }

  @Test
  void inlineAssemblyIsRefusedWithItsLine() {
    String source = "__global__ void k(int* o) {\n  int l;\n  asm volatile(\"mov.u32 %0, %%laneid;\" : \"=r\"(l));\n}\n";
    EmulatorException e = assertThrows(EmulatorException.class, () -> CudaSource.rewrite(source, "k.cu", List.of()));
    assertEquals(EmulatorException.Kind.UNSUPPORTED, e.kind());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("k.cu:3: inline PTX assembly"), e.getMessage());
  }

  @Test
  void stringsAndCommentsDoNotConfuseTheScanner() {
    String source = "__global__ void k(float* x) { printf(\"__global__ void f(float* y) // not code\\n\"); }\n";
    CudaSource.Rewritten r = CudaSource.rewrite(source, "k.cu", List.of());
    assertEquals(List.of("k"), r.registered());
    assertTrue(r.text().contains("printf(\"__global__ void f(float* y) // not code\\n\")"), r.text());
  }

  @Test
  void programLaunchesBecomeHostRuntimeCallsOnTheSameLines() {
    String source =
        "template <int N> __global__ void t(float* x) { x[0] = N; }\n"
            + "__global__ void k(float* x, int n) { x[0] = n; }\n"
            + "int main() {\n"
            + "  long big = 1'000'000; float* x; cudaMalloc(&x, 4);\n"
            + "  k<<<dim3(2, 1),\n     256, 0, stream>>>(x, 3);\n"
            + "  t<4><<<1, 32>>>(x); ns::k2 <<< 1, 1 >>> ();\n"
            + "  printf(\"<<<not a launch>>>\");\n"
            + "}\n";
    assertTrue(CudaSource.definesMain(source));
    assertFalse(CudaSource.definesMain("__global__ void k() {}\n// int main() {}\n"));
    CudaSource.Rewritten r = CudaSource.rewriteProgram(source, "p.cu", List.of());
    String user = r.text().substring(r.text().indexOf('\n', r.text().indexOf("#line 1 \"")) + 1,
        r.text().indexOf("\n#line 1 \"kp-kernel-table\""));
    assertEquals(source.lines().count(), user.lines().count(), user);
    String[] lines = user.split("\n", -1);
    assertTrue(lines[4].contains("::kp::host::LaunchAt(__FILE__, __LINE__, dim3(2, 1),"), user);
    assertTrue(lines[5].contains("256, 0, stream).run(k, \"k\", x, 3);"), user);
    assertTrue(lines[5 + 1].contains("::kp::host::LaunchAt(__FILE__, __LINE__, 1, 32).run(t<4>, \"t<4>\", x);"), user);
    assertTrue(lines[6].contains("LaunchAt(__FILE__, __LINE__,  1, 1 ) .run(ns::k2, \"ns::k2\")"), user);
    assertTrue(lines[7].contains("\"<<<not a launch>>>\""), user);
    assertTrue(r.text().startsWith("#include \"kp_program.h\"\n"), r.text());
    assertTrue(r.text().contains("static ::kp::host::ProgramKernel<&k > kp_program_kernel_0(\"k\");"), r.text());
    assertTrue(r.hostRuntime());
  }
}
