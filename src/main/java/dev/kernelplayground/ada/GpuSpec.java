package dev.kernelplayground.ada;

import java.util.Objects;

/**
 * Published figures of one Ada Lovelace GPU: its chip, SM and core counts, clock, peak arithmetic rates, memory
 * and power. Rates are dense (no 2:4 structured sparsity) and in units of 10^12 FLOP/s; bandwidth is in
 * 10^9 bytes/s, as NVIDIA quotes it. The values and their sources live in {@link AdaGpus}.
 *
 * @param name product name, e.g. "GeForce RTX 4090"
 * @param chip the die, e.g. "AD102"
 * @param chipSmCount SMs on the full die (AD102: 144); a product may enable fewer
 * @param segment GeForce, workstation or data-center part (decides whether FP32 accumulate is half rate)
 * @param computeCapability "8.9" for all Ada parts
 * @param smCount enabled streaming multiprocessors
 * @param fp32Lanes FP32 lanes ("CUDA cores"), 128 per SM
 * @param tensorCores 4th-generation tensor cores, 4 per SM
 * @param boostClockGhz boost clock the peak rates are quoted at
 * @param fp32Tflops peak FP32 (non-tensor) rate
 * @param fp16TensorTflopsFp32Acc peak FP16 / BF16 tensor rate with FP32 accumulate
 * @param fp16TensorTflopsFp16Acc peak FP16 tensor rate with FP16 accumulate
 * @param fp8TensorTflopsFp32Acc peak FP8 tensor rate with FP32 accumulate (half the FP16-accumulate rate on GeForce)
 * @param memoryType e.g. "GDDR6X"
 * @param memoryBandwidthGBps peak DRAM bandwidth in GB/s (10^9 bytes/s)
 * @param l2CacheMB L2 cache in MB (MiB as NVIDIA counts it: 72 MB = 73,728 KB)
 * @param memoryGB DRAM capacity in GB
 * @param tdpWatts board power (TGP for GeForce, max power for the others)
 */
public record GpuSpec(
    String name,
    String chip,
    int chipSmCount,
    Segment segment,
    String computeCapability,
    int smCount,
    int fp32Lanes,
    int tensorCores,
    double boostClockGhz,
    double fp32Tflops,
    double fp16TensorTflopsFp32Acc,
    double fp16TensorTflopsFp16Acc,
    double fp8TensorTflopsFp32Acc,
    String memoryType,
    double memoryBandwidthGBps,
    int l2CacheMB,
    int memoryGB,
    int tdpWatts) {

  /** Which product line a GPU belongs to. */
  public enum Segment {
    /** Consumer card: tensor-core FP16/BF16 with FP32 accumulate runs at half the FP16-accumulate rate. */
    GEFORCE("GeForce"),
    /** Professional workstation card: full-rate FP32 accumulate. */
    WORKSTATION("workstation"),
    /** Data-center card: full-rate FP32 accumulate. */
    DATA_CENTER("data center");

    private final String label;

    Segment(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public GpuSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(computeCapability, "computeCapability");
    Objects.requireNonNull(memoryType, "memoryType");
    if (smCount <= 0 || smCount > chipSmCount) {
      throw new IllegalArgumentException(name + ": SM count " + smCount + " must be in 1.." + chipSmCount);
    }
    if (fp32Tflops <= 0 || memoryBandwidthGBps <= 0 || boostClockGhz <= 0) {
      throw new IllegalArgumentException(name + ": rates, clock and bandwidth must be positive");
    }
  }

  /**
   * Peak rate in FLOP/s for the given precision. FP32, the tensor FP16/BF16 and FP8 rates are the published
   * figures; the others follow from the Ada SM (whitepaper): FP64 is 1/64 of FP32 (2 FP64 units beside 128 FP32
   * lanes per SM), FP16 on the CUDA cores runs at the FP32 rate, TF32 on the tensor cores at half the FP16 rate
   * with FP32 accumulate, FP8 with FP16 accumulate at twice the FP16 rate with FP16 accumulate (whitepaper: 512 FP8
   * against 256 FP16 FLOP per tensor core per clock; RTX 4090 660.6 TFLOPS).
   */
  public double peakFlops(Precision precision) {
    double tflops =
        switch (precision) {
          case FP64 -> fp32Tflops / 64.0;
          case FP32, FP16 -> fp32Tflops;
          case TF32_TENSOR -> fp16TensorTflopsFp32Acc / 2.0;
          case FP16_TENSOR_FP32_ACC, BF16_TENSOR_FP32_ACC -> fp16TensorTflopsFp32Acc;
          case FP16_TENSOR_FP16_ACC -> fp16TensorTflopsFp16Acc;
          case FP8_TENSOR_FP32_ACC -> fp8TensorTflopsFp32Acc;
          case FP8_TENSOR_FP16_ACC -> 2 * fp16TensorTflopsFp16Acc;
        };
    return tflops * 1e12;
  }

  /** Peak DRAM bandwidth in bytes/s. */
  public double memoryBandwidthBytesPerSecond() {
    return memoryBandwidthGBps * 1e9;
  }

  /** FP32 rate recomputed from the hardware: lanes × 2 FLOP per FMA × boost clock, in TFLOPS. */
  public double fp32TflopsFromClock() {
    return fp32Lanes * 2.0 * boostClockGhz / 1000.0;
  }
}
