package dev.kernelplayground.ada;

import java.util.List;

/**
 * Hardware limits of one streaming multiprocessor (SM) and of one thread block, for one compute capability: what
 * the occupancy calculator divides by.
 *
 * <p>Sources: [PG] CUDA C++ Programming Guide, "Compute Capabilities", table "Technical Specifications per
 * Compute Capability" (column 8.9); [OCC] {@code cuda_occupancy.h} from the CUDA toolkit (computeMajor 8,
 * computeMinor 9); [PG-8x] the same guide, section "Compute Capability 8.x", "Shared Memory".
 *
 * @param computeCapability e.g. "8.9"
 * @param warpSize threads per warp
 * @param maxThreadsPerBlock largest block
 * @param maxThreadsPerSm resident threads per SM
 * @param maxBlocksPerSm resident blocks per SM
 * @param registersPerSm 32-bit registers per SM
 * @param maxRegistersPerBlock 32-bit registers one block may use
 * @param maxRegistersPerThread registers one thread may use
 * @param registerAllocationUnit registers are allocated per warp in multiples of this
 * @param subPartitions SM sub-partitions (one warp scheduler each); registers are split evenly among them
 * @param l1AndSharedPerSmBytes unified L1 data cache / shared memory per SM
 * @param maxSharedPerSmBytes largest shared-memory carveout per SM
 * @param sharedPerBlockBytes shared memory a block may use without opting in
 * @param sharedPerBlockOptInBytes shared memory a block may use after {@code cudaFuncSetAttribute(...,
 *     cudaFuncAttributeMaxDynamicSharedMemorySize, ...)}
 * @param sharedAllocationUnitBytes shared memory is allocated per block in multiples of this
 * @param reservedSharedPerBlockBytes shared memory the driver reserves for each block (system use)
 * @param carveoutStepsBytes the shared-memory sizes an SM can be configured to, smallest first
 */
public record SmLimits(
    String computeCapability,
    int warpSize,
    int maxThreadsPerBlock,
    int maxThreadsPerSm,
    int maxBlocksPerSm,
    int registersPerSm,
    int maxRegistersPerBlock,
    int maxRegistersPerThread,
    int registerAllocationUnit,
    int subPartitions,
    int l1AndSharedPerSmBytes,
    int maxSharedPerSmBytes,
    int sharedPerBlockBytes,
    int sharedPerBlockOptInBytes,
    int sharedAllocationUnitBytes,
    int reservedSharedPerBlockBytes,
    List<Integer> carveoutStepsBytes) {

  private static final int KB = 1024;

  /** Compute capability 8.9: every Ada Lovelace GPU (RTX 4090, L4, L40S, RTX 6000 Ada, ...). */
  public static final SmLimits SM_89 =
      new SmLimits(
          "8.9",
          32, // warp size [PG]
          1024, // max threads per block [PG]
          1536, // max resident threads per SM = 48 warps [PG: "Maximum number of resident warps per SM" 48]
          24, // max resident blocks per SM [PG]; cudaOccMaxBlocksPerMultiprocessor: 24 for 8.9 [OCC]
          64 * KB, // 65,536 32-bit registers per SM [PG]
          64 * KB, // max 65,536 registers per thread block [PG]
          255, // max registers per thread [PG] (cudaOccRegAllocationMaxPerThread says 256 [OCC])
          256, // register allocation unit, per warp: cudaOccRegAllocationGranularity [OCC]
          4, // sub-partitions / warp schedulers per SM: cudaOccSubPartitionsPerMultiprocessor [OCC]
          128 * KB, // unified L1 / shared memory per SM [PG-8x]
          100 * KB, // max shared memory per SM, 102,400 B [PG]
          48 * KB, // shared memory per block without opt-in, 49,152 B [PG]
          99 * KB, // max shared memory per block with opt-in, 101,376 B [PG]
          128, // shared memory allocation unit: cudaOccSMemAllocationGranularity [OCC]
          1 * KB, // reserved shared memory per block, 1,024 B [PG-8x]; reservedSharedMemPerBlock
          List.of(0, 8 * KB, 16 * KB, 32 * KB, 64 * KB, 100 * KB)); // carveouts [PG-8x]; cudaOccAlignUpShmemSizeVoltaPlus [OCC]

  public SmLimits {
    carveoutStepsBytes = List.copyOf(carveoutStepsBytes);
    if (warpSize <= 0 || maxThreadsPerSm % warpSize != 0 || subPartitions <= 0) {
      throw new IllegalArgumentException("inconsistent SM limits for " + computeCapability);
    }
  }

  /** Resident warps per SM: {@code maxThreadsPerSm / warpSize} (48 on 8.9). */
  public int maxWarpsPerSm() {
    return maxThreadsPerSm / warpSize;
  }

  /** Registers in each sub-partition's register file: {@code registersPerSm / subPartitions} (16,384 on 8.9). */
  public int registersPerSubPartition() {
    return registersPerSm / subPartitions;
  }
}
