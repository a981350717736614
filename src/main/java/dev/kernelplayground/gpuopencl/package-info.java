/**
 * The Java lesson kernels on a GPU's own OpenCL (NVIDIA's, libnvidia-opencl.so.1), for the GPU report: points
 * the OpenCL ICD loader at the vendor's library ({@link IcdVendors}: the installed ICD file, or a temporary
 * vendors folder through {@code OCL_ICD_VENDORS}), runs every Aparapi lesson kernel there in a child JVM
 * ({@link OpenClLessonRun}) checked against its float64 reference, and brings the rows back
 * ({@link JavaKernelsOnOpenCl}); or says why not, naming where it looked.
 */
package dev.kernelplayground.gpuopencl;
