/**
 * Raw CUDA C on a real NVIDIA GPU through JCuda's driver API: whether the driver, NVRTC, nvcc and cuBLAS
 * are here ({@link dev.kernelplayground.jcuda.CudaAvailability}, probed once, never throwing), what the GPU
 * is ({@link dev.kernelplayground.jcuda.CudaDeviceInfo}, in the same terms as the RTX 4090's published
 * figures), PTX modules with the JIT's own error log, device buffers, launches, CUDA-event timing with the
 * L2 flushed between repeats, the cuBLAS baseline, and the GPU's {@code cudasource.CudaBackend} ({@link
 * dev.kernelplayground.jcuda.GpuSession}), which lets {@code run.Trial} check and time any file of kernels/
 * bound to its problem.
 *
 * <p>{@link dev.kernelplayground.jcuda.GpuReport} is the GPU verification run (`kp gpu-verify`) behind
 * {@code tests/gpu/verify.sh}: checks, then the benchmark matrix as % of cuBLAS and % of peak bandwidth
 * (every kernels/ file included), and the speed goals judged MET or MISSED, written as Markdown.
 */
package dev.kernelplayground.jcuda;
