package dev.kernelplayground.emulator;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.testing.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device code that calls host functions is refused with its line, as nvcc refuses it; device code that uses
 * what CUDA allows in kernels (math, intrinsics, warp functions, printf, malloc/free, assert, __device__
 * helpers, constexpr std:: functions) is not.
 */
class DeviceCodeTest {
  private static final String ALLOWED = """
      #include <cstdio>
      #include <cassert>
      #include "cuda_runtime.h"
      __device__ float helper(float x) { return sqrtf(fabsf(x)) + __expf(x) + fmaxf(x, 1.0f) + rsqrtf(x + 2.0f); }
      __host__ __device__ int both(int x) { return std::min(x, 3) + abs(x); }
      int hostOnly(int x) { return x + 1; }  // a host function that no kernel calls
      __global__ void allowed(float* a, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        __shared__ float tile[32];
        tile[threadIdx.x % 32] = a[i % n];
        __syncthreads();
        float v = __shfl_down_sync(0xffffffffu, tile[0], 1);
        float* scratch = (float*) malloc(4 * sizeof(float));
        memset(scratch, 0, 4 * sizeof(float));
        assert(i >= 0);
        if (i == 0) printf("v = %f\\n", v);
        if (i < n) a[i] = helper(v) + both(i) + scratch[0];
        free(scratch);
      }
      int main() { return hostOnly(1) > 0 ? system("true") : 0; }  // host code may call host functions
      """;

  private static final String REFUSED = """
      #include <cstdio>
      #include <cstdlib>
      int hostHelper(int x) { return x + 1; }
      __device__ int viaHelper(int x) { return hostHelper(x); }
      __global__ void evil(float* a, int n) {
        system("touch /tmp/kp-device-code-test");
        FILE* f = fopen("/etc/passwd", "r");
        a[0] = viaHelper(n);
        exit(1);
      }
      """;

  @BeforeEach
  void clang() {
    Runtimes.assume(Runtimes.CXX, Emulator.available(), "no C++ compiler for the emulator");
    Runtimes.assume(Runtimes.CLANG_CUDA, DeviceCode.checker().isPresent(), "no clang++ for the device-code check; apt-get install clang-15");
  }

  @Test
  void whatCudaAllowsInDeviceCodeIsNotRefused(@TempDir Path dir) throws Exception {
    assertEquals(java.util.Optional.empty(), DeviceCode.refusalOf(Files.writeString(dir.resolve("allowed.cu"), ALLOWED)));
  }

  @Test
  void hostCallsFromDeviceCodeAreRefusedWithTheirLines(@TempDir Path dir) throws Exception {
    String refusal = DeviceCode.refusalOf(Files.writeString(dir.resolve("evil.cu"), REFUSED)).orElseThrow();
    assertContains(refusal,
        "evil.cu line 4: hostHelper() is a host function; a __device__ function cannot call it",
        "evil.cu line 6: system() is a host function; a __global__ function cannot call it",
        "evil.cu line 7: fopen() is a host function; a __global__ function cannot call it",
        "evil.cu line 9: exit() is a host function; a __global__ function cannot call it",
        "calling a __host__ function from a __global__ function is not allowed");
    assertFalse(refusal.contains("line 8"), "a call of a __device__ function is fine: " + refusal);
  }

  @Test
  void theEmulatorRefusesToCompileIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("evil.cu"), REFUSED);
    EmulatorException e = assertThrows(EmulatorException.class, () -> Emulator.compile(file, List.of()));
    assertEquals(EmulatorException.Kind.COMPILE_ERROR, e.kind());
    assertContains(e.getMessage(), "evil.cu line 6: system() is a host function");
    assertFalse(Files.exists(Path.of("/tmp/kp-device-code-test")));
  }

  @Test
  void onlyHostCandidatesMakeARefusal() {
    String clang = """
        /x/k.cu:3:10: error: no matching function for call to 'f'
        /x/k.cu:1:5: note: candidate function not viable: call to __host__ function from __global__ function
        /x/k.cu:2:5: note: candidate function not viable: no known conversion from 'int *' to 'float'
        /x/k.cu:4:3: error: use of undeclared identifier '__half'
        /other.h:9:3: error: reference to __host__ function 'g' in __global__ function
        """;
    assertEquals(null, DeviceCode.refusal(clang, "/x/k.cu", "k.cu"), "a device candidate that does not fit is not a host call");
    assertTrue(DeviceCode.refusal("/x/k.cu:5:3: error: reference to __host__ function 'g' in __device__ function", "/x/k.cu", "k.cu")
        .startsWith("k.cu line 5: g() is a host function; a __device__ function cannot call it"));
  }
}
