// Occupancy oracle for the Java calculator dev.kernelplayground.ada.Occupancy.
//
// Host-only C++: it includes NVIDIA's header-only occupancy calculator <cuda_occupancy.h> (shipped with
// the CUDA toolkit) and needs neither nvcc nor a GPU nor the CUDA runtime.
//   g++ -O1 -I/usr/local/cuda/include occupancy_oracle.cpp -o occupancy_oracle
//
// Input (stdin), one case per line, whitespace separated:
//   threadsPerBlock registersPerThread staticSharedBytes dynamicSharedBytes optIn(0|1) carveoutPercent(-1 = default)
// Output (stdout), one line per case, in the same order:
//   activeBlocks limitingFactorBits blockLimitRegs blockLimitSharedMem blockLimitWarps blockLimitBlocks
//   allocatedRegistersPerBlock allocatedSharedMemPerBlock
// or "ERR <cudaOccError>" when the calculator rejects the input.
#include <cuda_occupancy.h>

#include <cstdio>

int main() {
    // RTX 4090 (compute capability 8.9), filled by hand with the values cudaGetDeviceProperties reports.
    cudaOccDeviceProp prop;
    prop.computeMajor = 8;
    prop.computeMinor = 9;
    prop.maxThreadsPerBlock = 1024;
    prop.maxThreadsPerMultiprocessor = 1536;
    prop.regsPerBlock = 65536;
    prop.regsPerMultiprocessor = 65536;
    prop.warpSize = 32;
    prop.sharedMemPerBlock = 49152;
    prop.sharedMemPerMultiprocessor = 102400;
    prop.numSms = 128;
    prop.sharedMemPerBlockOptin = 101376;
    prop.reservedSharedMemPerBlock = 1024;

    int threads, regs, optIn, carveout;
    long long staticSmem, dynamicSmem;
    while (std::scanf("%d %d %lld %lld %d %d", &threads, &regs, &staticSmem, &dynamicSmem, &optIn, &carveout) == 6) {
        cudaOccFuncAttributes attr;  // partitioned global caching off, no block barriers counted
        attr.maxThreadsPerBlock = 1024;
        attr.numRegs = regs;
        attr.sharedSizeBytes = (size_t) staticSmem;
        if (optIn) {
            // What cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, dynamic) sets.
            attr.shmemLimitConfig = FUNC_SHMEM_LIMIT_OPTIN;
            attr.maxDynamicSharedSizeBytes = (size_t) dynamicSmem;
        }

        cudaOccDeviceState state;
        state.carveoutConfig = carveout;

        cudaOccResult result;
        cudaOccError err = cudaOccMaxActiveBlocksPerMultiprocessor(&result, &prop, &attr, &state, threads, (size_t) dynamicSmem);
        if (err != CUDA_OCC_SUCCESS) {
            std::printf("ERR %d\n", (int) err);
            continue;
        }
        std::printf("%d %u %d %d %d %d %d %zu\n",
                    result.activeBlocksPerMultiprocessor, result.limitingFactors,
                    result.blockLimitRegs, result.blockLimitSharedMem, result.blockLimitWarps,
                    result.blockLimitBlocks, result.allocatedRegistersPerBlock, result.allocatedSharedMemPerBlock);
    }
    return 0;
}
