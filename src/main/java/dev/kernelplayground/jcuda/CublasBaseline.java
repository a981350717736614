package dev.kernelplayground.jcuda;

import static dev.kernelplayground.jcuda.CublasBinding.CUBLAS_COMPUTE_32F;
import static dev.kernelplayground.jcuda.CublasBinding.CUBLAS_GEMM_DEFAULT;
import static dev.kernelplayground.jcuda.CublasBinding.CUBLAS_OP_N;
import static dev.kernelplayground.jcuda.CublasBinding.CUBLAS_STATUS_SUCCESS;
import static dev.kernelplayground.jcuda.CublasBinding.CUDA_R_16F;
import static dev.kernelplayground.jcuda.CublasBinding.CUDA_R_32F;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * cuBLAS, NVIDIA's tuned GEMM, as the yardstick: a kernel's speed is reported as a percentage of cuBLAS on
 * the same problem and GPU. SGEMM is fp32 on the CUDA cores; HGEMM here is cublasGemmEx with fp16 inputs,
 * fp32 accumulate and fp32 output, which cuBLAS runs on the tensor cores. Both are checked against the
 * float64 reference like any kernel. Row-major operands are passed as {@link GemmMapping} says.
 *
 * <p>cuBLAS (13 or 12, {@link CublasLibrary}) is called through java.lang.foreign on the device addresses of
 * JCuda's driver-API buffers; it works in the same primary context ({@link CudaContext}) and on the default
 * stream, like the kernels and the timing events.
 */
public final class CublasBaseline {
  private final CudaContext context;
  private final CublasBinding blas;
  private final String library;
  private final long handle;

  private CublasBaseline(CudaContext context, CublasBinding blas, String library, long handle) {
    this.context = context;
    this.blas = blas;
    this.library = library;
    this.handle = handle;
  }

  /**
   * A cuBLAS handle on the context's GPU, on the default stream, destroyed when the context closes.
   *
   * @throws CudaUnavailableException when no cuBLAS is on this machine
   */
  public static CublasBaseline open(CudaContext context) {
    CublasLibrary.Lookup cublas = CublasLibrary.find();
    if (!cublas.found()) {
      throw new CudaUnavailableException(cublas.missing());
    }
    context.makeCurrent();
    long handle = create(cublas.binding());
    context.onClose(() -> cublas.binding().destroy(handle));
    return new CublasBaseline(context, cublas.binding(), cublas.served(), handle);
  }

  /** cublasCreate_v2, then cublasSetStream_v2 to the default stream (0); the handle. */
  static long create(CublasBinding blas) {
    long[] handle = new long[1];
    check(blas.create(handle), "cublasCreate");
    check(blas.setStream(handle[0], 0L), "cublasSetStream");
    return handle[0];
  }

  /** cuBLAS SGEMM on {@code p}: fp32 in, fp32 accumulate, fp32 out. */
  public KernelCase sgemm(MatmulProblem p) {
    return gemm("cublas_sgemm", p, ElementType.FLOAT, CublasBaseline::sgemm, "cublasSgemm ", Precision.FP32);
  }

  /**
   * cuBLAS GEMM with fp16 inputs (rounded from the problem's floats), fp32 accumulate and fp32 output: the
   * tensor-core baseline. Give it a problem made with {@code Arithmetic.FP16_IN_FP32_ACC} so the check
   * allows for the input rounding.
   */
  public KernelCase hgemm(MatmulProblem p) {
    return gemm(
        "cublas_hgemm",
        p,
        ElementType.HALF,
        CublasBaseline::hgemm,
        "cublasGemmEx (fp16 in, fp32 accumulate) ",
        Precision.FP16_TENSOR_FP32_ACC);
  }

  /** The call of {@link #sgemm(CublasBinding, long, GemmMapping, ToLongFunction, long)} and its fp16 twin. */
  @FunctionalInterface
  private interface GemmCall {
    int call(CublasBinding blas, long handle, GemmMapping g, ToLongFunction<String> address, long c);
  }

  /** A cuBLAS GEMM on {@code p}'s inputs as {@code in}, fp32 out; a failure is named {@code what} + the problem. */
  private KernelCase gemm(String name, MatmulProblem p, ElementType in, GemmCall gemm, String what, Precision precision) {
    DeviceCase device = new DeviceCase(name, p, context, inputs(in), ElementType.FLOAT);
    GemmMapping g = GemmMapping.rowMajor(p.m(), p.n(), p.k());
    return device.bind(
        () -> {
          context.makeCurrent();
          check(
              gemm.call(blas, handle, g, input -> device.input(input).address(), device.output().address()),
              what + p.describe());
        },
        Tile.NONE,
        precision);
  }

  /**
   * Row-major C = A·B as one cublasSgemm_v2 call, {@code g} saying which of our matrices is cuBLAS's first
   * operand; {@code address} gives the device address of our "a" or "b".
   */
  static int sgemm(CublasBinding blas, long handle, GemmMapping g, ToLongFunction<String> address, long c) {
    return blas.sgemm(
        handle, CUBLAS_OP_N, CUBLAS_OP_N, g.rows(), g.cols(), g.inner(),
        1f, address.applyAsLong(g.first().toLowerCase()), g.ldFirst(),
        address.applyAsLong(g.second().toLowerCase()), g.ldSecond(),
        0f, c, g.ldResult());
  }

  /** Row-major C = A·B as one cublasGemmEx call: fp16 A and B, fp32 C, CUBLAS_COMPUTE_32F, default algorithm. */
  static int hgemm(CublasBinding blas, long handle, GemmMapping g, ToLongFunction<String> address, long c) {
    return blas.gemmEx(
        handle, CUBLAS_OP_N, CUBLAS_OP_N, g.rows(), g.cols(), g.inner(),
        1f, address.applyAsLong(g.first().toLowerCase()), CUDA_R_16F, g.ldFirst(),
        address.applyAsLong(g.second().toLowerCase()), CUDA_R_16F, g.ldSecond(),
        0f, c, CUDA_R_32F, g.ldResult(),
        CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
  }

  /** cuBLAS's version, e.g. "12.6.4". */
  public String version() {
    return version(blas, handle);
  }

  /** The library file that serves the calls, e.g. ".../nvidia/cu13/lib/libcublas.so.13". */
  public String library() {
    return library;
  }

  static String version(CublasBinding blas, long handle) {
    int[] v = new int[1];
    check(blas.getVersion(handle, v), "cublasGetVersion");
    return v[0] / 10000 + "." + (v[0] % 10000) / 100 + "." + v[0] % 100;
  }

  private static Map<String, ElementType> inputs(ElementType element) {
    Map<String, ElementType> inputs = new LinkedHashMap<>();
    inputs.put("a", element);
    inputs.put("b", element);
    return inputs;
  }

  static void check(int status, String what) {
    if (status != CUBLAS_STATUS_SUCCESS) {
      throw new CudaFailure(what + " failed: " + statusName(status), 0);
    }
  }

  /** cublasStatus_t in words (cublas_api.h). */
  static String statusName(int status) {
    return switch (status) {
      case 0 -> "CUBLAS_STATUS_SUCCESS";
      case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
      case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
      case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
      case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
      case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
      case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
      case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
      case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
      case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
      default -> "cublasStatus " + status;
    };
  }
}
