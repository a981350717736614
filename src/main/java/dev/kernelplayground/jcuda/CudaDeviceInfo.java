package dev.kernelplayground.jcuda;

import static jcuda.driver.CUdevice_attribute.*;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.ExecutionTarget;
import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * What the driver says about one GPU, in the terms the RTX 4090's published figures use ({@link GpuSpec}):
 * SMs, clocks, memory, L2, and the per-SM limits occupancy depends on. Peaks follow from these numbers as
 * NVIDIA computes them: DRAM bandwidth = 2 transfers per memory clock × bus width; FP32 = SMs × FP32 lanes
 * per SM × 2 FLOP per FMA × SM clock.
 *
 * <p>A figure the driver would not give is 0 and shown as "unknown".
 *
 * @param ordinal the device's number (0 for the first GPU)
 * @param name e.g. "NVIDIA GeForce RTX 4090" or "NVIDIA H100 80GB HBM3"
 * @param ccMajor compute capability, major (8 for Ada and Ampere)
 * @param ccMinor compute capability, minor (9 for Ada)
 * @param smCount streaming multiprocessors
 * @param smClockKhz the SM clock the peak rates use (the boost clock), kHz
 * @param memoryClockKhz the DRAM clock, kHz
 * @param memoryBusWidthBits DRAM bus width, bits
 * @param memoryBytes DRAM size
 * @param l2Bytes L2 cache size
 * @param sharedMemoryPerSmBytes shared memory per SM
 * @param sharedMemoryPerBlockOptInBytes the most shared memory one block can ask for (opt-in)
 * @param registersPerSm 32-bit registers per SM
 * @param registersPerBlock 32-bit registers one block may use
 * @param maxThreadsPerSm resident threads per SM
 * @param maxThreadsPerBlock threads per block
 * @param warpSize threads per warp (32)
 * @param eccEnabled whether ECC is on (it costs some bandwidth)
 * @param driverCudaVersion the CUDA version the driver supports, e.g. "12.6"
 */
public record CudaDeviceInfo(
    int ordinal,
    String name,
    int ccMajor,
    int ccMinor,
    int smCount,
    int smClockKhz,
    int memoryClockKhz,
    int memoryBusWidthBits,
    long memoryBytes,
    long l2Bytes,
    long sharedMemoryPerSmBytes,
    long sharedMemoryPerBlockOptInBytes,
    int registersPerSm,
    int registersPerBlock,
    int maxThreadsPerSm,
    int maxThreadsPerBlock,
    int warpSize,
    boolean eccEnabled,
    String driverCudaVersion) {

  /** Asks the driver about device {@code ordinal}; the driver must have been initialised (cuInit). */
  static CudaDeviceInfo query(CUdevice device, int ordinal) {
    byte[] nameBytes = new byte[256];
    CudaFailure.check(JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
    int end = 0;
    while (end < nameBytes.length && nameBytes[end] != 0) {
      end++;
    }
    long[] memory = new long[1];
    CudaFailure.check(JCudaDriver.cuDeviceTotalMem(memory, device), "cuDeviceTotalMem");
    int[] version = new int[1];
    JCudaDriver.cuDriverGetVersion(version);
    return new CudaDeviceInfo(
        ordinal,
        new String(nameBytes, 0, end, java.nio.charset.StandardCharsets.UTF_8).trim(),
        attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
        attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
        attribute(device, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
        attribute(device, CU_DEVICE_ATTRIBUTE_CLOCK_RATE),
        attribute(device, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
        attribute(device, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH),
        memory[0],
        attribute(device, CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE),
        attribute(device, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR),
        attribute(device, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
        attribute(device, CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_MULTIPROCESSOR),
        attribute(device, CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_BLOCK),
        attribute(device, CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR),
        attribute(device, CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK),
        attribute(device, CU_DEVICE_ATTRIBUTE_WARP_SIZE),
        attribute(device, CU_DEVICE_ATTRIBUTE_ECC_ENABLED) == 1,
        CudaAvailability.cudaVersion(version[0]));
  }

  /** One attribute, or 0 when this driver does not report it. */
  private static int attribute(CUdevice device, int attribute) {
    int[] value = new int[1];
    return JCudaDriver.cuDeviceGetAttribute(value, attribute, device) == CUresult.CUDA_SUCCESS ? value[0] : 0;
  }

  /** "8.9". */
  public String computeCapability() {
    return ccMajor + "." + ccMinor;
  }

  /** The architecture nvcc and ptxas take: "sm_89". */
  public String smArch() {
    return "sm_" + ccMajor + ccMinor;
  }

  /** The virtual architecture for PTX: "compute_89". */
  public String computeArch() {
    return "compute_" + ccMajor + ccMinor;
  }

  /** Where a kernel launched on this GPU ran. */
  public ExecutionTarget target() {
    return new ExecutionTarget(Backend.CUDA, name, true);
  }

  /** Peak DRAM bandwidth in bytes/s: 2 transfers per memory clock × bus width in bytes (0 if unknown). */
  public double peakBandwidthBytesPerSecond() {
    return peakBandwidth(memoryClockKhz, memoryBusWidthBits);
  }

  static double peakBandwidth(int memoryClockKhz, int busWidthBits) {
    return 2.0 * memoryClockKhz * 1e3 * busWidthBits / 8.0;
  }

  /** FP32 lanes ("CUDA cores") per SM for this compute capability, or 0 when this table does not know it. */
  public int fp32LanesPerSm() {
    return fp32LanesPerSm(ccMajor, ccMinor);
  }

  /**
   * FP32 lanes per SM by compute capability, from the CUDA C Programming Guide's "arithmetic instructions"
   * throughput table: 64 on Volta/Turing (7.x) and on A100 (8.0), 128 on GA10x (8.6, 8.7), Ada (8.9),
   * Hopper (9.0) and Blackwell (10.x, 12.x).
   */
  static int fp32LanesPerSm(int major, int minor) {
    return switch (major) {
      case 7 -> 64;
      case 8 -> minor == 0 ? 64 : 128;
      case 9, 10, 11, 12 -> 128;
      default -> 0;
    };
  }

  /** Peak FP32 (non-tensor) rate in FLOP/s at the reported SM clock, or 0 when a figure is unknown. */
  public double peakFp32FlopsPerSecond() {
    return (double) smCount * fp32LanesPerSm() * 2.0 * smClockKhz * 1e3;
  }

  /** The published figures for this GPU when it is one of the Ada parts the playground knows. */
  public Optional<GpuSpec> publishedSpec() {
    return AdaGpus.find(name);
  }

  /** Short label: "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs)". */
  public String label() {
    return name + " (" + smArch() + ", " + smCount + " SMs)";
  }
}
