package dev.kernelplayground.jcuda;

import static jcuda.cudaDataType.CUDA_R_16F;
import static jcuda.cudaDataType.CUDA_R_32F;
import static jcuda.jcublas.cublasComputeType.CUBLAS_COMPUTE_32F;
import static jcuda.jcublas.cublasGemmAlgo.CUBLAS_GEMM_DEFAULT;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;

import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.check.Tile;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.run.KernelCase;
import java.util.LinkedHashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasStatus;

/**
 * cuBLAS, NVIDIA's tuned GEMM, as the yardstick: a kernel's speed is reported as a percentage of cuBLAS on
 * the same problem and GPU. SGEMM is fp32 on the CUDA cores; HGEMM here is cublasGemmEx with fp16 inputs,
 * fp32 accumulate and fp32 output, which cuBLAS runs on the tensor cores. Both are checked against the
 * float64 reference like any kernel. Row-major operands are passed as {@link GemmMapping} says.
 */
public final class CublasBaseline {
  private final CudaContext context;
  private final cublasHandle handle = new cublasHandle();

  private CublasBaseline(CudaContext context) {
    this.context = context;
  }

  /**
   * A cuBLAS handle on the context's GPU, destroyed when the context closes.
   *
   * @throws CudaUnavailableException when cuBLAS 12 is not on this machine
   */
  public static CublasBaseline open(CudaContext context) {
    Probe cublas = CudaAvailability.cublas();
    if (!cublas.present()) {
      throw new CudaUnavailableException(cublas.detail());
    }
    context.makeCurrent();
    CublasBaseline baseline = new CublasBaseline(context);
    check(JCublas2.cublasCreate(baseline.handle), "cublasCreate");
    context.onClose(() -> JCublas2.cublasDestroy(baseline.handle));
    return baseline;
  }

  /** cuBLAS SGEMM on {@code p}: fp32 in, fp32 accumulate, fp32 out. */
  public KernelCase sgemm(MatmulProblem p) {
    return gemm("cublas_sgemm", p, ElementType.FLOAT, Precision.FP32, "cublasSgemm ",
        (g, alpha, first, second, beta, result) ->
            JCublas2.cublasSgemm(
                handle, CUBLAS_OP_N, CUBLAS_OP_N, g.rows(), g.cols(), g.inner(),
                alpha, first, g.ldFirst(), second, g.ldSecond(), beta, result, g.ldResult()));
  }

  /**
   * cuBLAS GEMM with fp16 inputs (rounded from the problem's floats), fp32 accumulate and fp32 output: the
   * tensor-core baseline. Give it a problem made with {@code Arithmetic.FP16_IN_FP32_ACC} so the check
   * allows for the input rounding.
   */
  public KernelCase hgemm(MatmulProblem p) {
    return gemm("cublas_hgemm", p, ElementType.HALF, Precision.FP16_TENSOR_FP32_ACC,
        "cublasGemmEx (fp16 in, fp32 accumulate) ",
        (g, alpha, first, second, beta, result) ->
            JCublas2.cublasGemmEx(
                handle, CUBLAS_OP_N, CUBLAS_OP_N, g.rows(), g.cols(), g.inner(),
                alpha, first, CUDA_R_16F, g.ldFirst(), second, CUDA_R_16F, g.ldSecond(),
                beta, result, CUDA_R_32F, g.ldResult(),
                CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
  }

  /** One cuBLAS GEMM call on device pointers laid out as {@link GemmMapping} says; returns cuBLAS's status. */
  @FunctionalInterface
  private interface GemmCall {
    int run(GemmMapping g, Pointer alpha, Pointer first, Pointer second, Pointer beta, Pointer result);
  }

  /**
   * What SGEMM and HGEMM share: the problem's inputs on the device as {@code input}, an fp32 output, C = 1·AB +
   * 0·C, and the operands swapped for row-major data; {@code what} names the call in a failure.
   */
  private KernelCase gemm(String name, MatmulProblem p, ElementType input, Precision precision, String what,
      GemmCall call) {
    DeviceCase device = new DeviceCase(name, p, context, inputs(input), ElementType.FLOAT);
    GemmMapping g = GemmMapping.rowMajor(p.m(), p.n(), p.k());
    Pointer alpha = Pointer.to(new float[] {1f});
    Pointer beta = Pointer.to(new float[] {0f});
    return device.bind(
        () -> {
          context.makeCurrent();
          check(
              call.run(g, alpha,
                  device.input(g.first().toLowerCase()).pointer(),
                  device.input(g.second().toLowerCase()).pointer(),
                  beta,
                  device.output().pointer()),
              what + p.describe());
        },
        Tile.NONE,
        precision);
  }

  /** cuBLAS's version, e.g. "12.6.4". */
  public String version() {
    int[] v = new int[1];
    check(JCublas2.cublasGetVersion(handle, v), "cublasGetVersion");
    return v[0] / 10000 + "." + (v[0] % 10000) / 100 + "." + v[0] % 100;
  }

  private static Map<String, ElementType> inputs(ElementType element) {
    Map<String, ElementType> inputs = new LinkedHashMap<>();
    inputs.put("a", element);
    inputs.put("b", element);
    return inputs;
  }

  private static void check(int status, String what) {
    if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
      throw new CudaFailure(what + " failed: " + cublasStatus.stringFor(status), 0);
    }
  }
}
