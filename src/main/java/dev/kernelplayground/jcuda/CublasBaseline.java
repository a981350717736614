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
    DeviceCase device = new DeviceCase("cublas_sgemm", p, context, inputs(ElementType.FLOAT), ElementType.FLOAT);
    GemmMapping g = GemmMapping.rowMajor(p.m(), p.n(), p.k());
    Pointer alpha = Pointer.to(new float[] {1f});
    Pointer beta = Pointer.to(new float[] {0f});
    return device.bind(
        () -> {
          context.makeCurrent();
          check(
              JCublas2.cublasSgemm(
                  handle, CUBLAS_OP_N, CUBLAS_OP_N, g.rows(), g.cols(), g.inner(),
                  alpha,
                  device.input(g.first().toLowerCase()).pointer(), g.ldFirst(),
                  device.input(g.second().toLowerCase()).pointer(), g.ldSecond(),
                  beta,
                  device.output().pointer(), g.ldResult()),
              "cublasSgemm " + p.describe());
        },
        Tile.NONE,
        Precision.FP32);
  }

  /**
   * cuBLAS GEMM with fp16 inputs (rounded from the problem's floats), fp32 accumulate and fp32 output: the
   * tensor-core baseline. Give it a problem made with {@code Arithmetic.FP16_IN_FP32_ACC} so the check
   * allows for the input rounding.
   */
  public KernelCase hgemm(MatmulProblem p) {
    DeviceCase device = new DeviceCase("cublas_hgemm", p, context, inputs(ElementType.HALF), ElementType.FLOAT);
    GemmMapping g = GemmMapping.rowMajor(p.m(), p.n(), p.k());
    Pointer alpha = Pointer.to(new float[] {1f});
    Pointer beta = Pointer.to(new float[] {0f});
    return device.bind(
        () -> {
          context.makeCurrent();
          check(
              JCublas2.cublasGemmEx(
                  handle, CUBLAS_OP_N, CUBLAS_OP_N, g.rows(), g.cols(), g.inner(),
                  alpha,
                  device.input(g.first().toLowerCase()).pointer(), CUDA_R_16F, g.ldFirst(),
                  device.input(g.second().toLowerCase()).pointer(), CUDA_R_16F, g.ldSecond(),
                  beta,
                  device.output().pointer(), CUDA_R_32F, g.ldResult(),
                  CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT),
              "cublasGemmEx (fp16 in, fp32 accumulate) " + p.describe());
        },
        Tile.NONE,
        Precision.FP16_TENSOR_FP32_ACC);
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
