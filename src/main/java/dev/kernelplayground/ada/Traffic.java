package dev.kernelplayground.ada;

/**
 * What a kernel launch must do, as counted (by the emulator's profiler): the input of {@link TrafficBound}.
 *
 * @param dramBytes compulsory DRAM traffic: every distinct 32-byte sector read or written, once
 * @param l1Lines 128-byte lines the warps' global requests touched (one L1 tag lookup and data wavefront each)
 * @param sharedWavefronts shared-memory wavefronts (32 banks × 4 bytes each)
 * @param fp32Flops FP32 arithmetic on the CUDA cores (from the problem the kernel solves)
 * @param tensorFlopsFp16Acc tensor-core FLOPs accumulating in fp16
 * @param tensorFlopsFp32Acc tensor-core FLOPs accumulating in fp32
 * @param blocks thread blocks: a block runs on one SM, so at most this many SMs take part
 */
public record Traffic(
    long dramBytes, long l1Lines, long sharedWavefronts, double fp32Flops, long tensorFlopsFp16Acc,
    long tensorFlopsFp32Acc, long blocks) {}
