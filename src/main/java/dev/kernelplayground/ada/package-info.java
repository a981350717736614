/**
 * Facts about NVIDIA Ada Lovelace GPUs (compute capability 8.9) and two small models built on them.
 *
 * <ul>
 *   <li>{@link dev.kernelplayground.ada.GpuSpec} / {@link dev.kernelplayground.ada.AdaGpus}: published figures
 *       of the RTX 4090 and its Ada siblings, each with its source.
 *   <li>{@link dev.kernelplayground.ada.SmLimits}: the per-SM and per-block limits of compute capability 8.9.
 *   <li>{@link dev.kernelplayground.ada.Occupancy}: how many blocks of a kernel fit on one SM, following
 *       NVIDIA's {@code cuda_occupancy.h} step by step.
 *   <li>{@link dev.kernelplayground.ada.Roofline}: the fastest a kernel with given FLOP and byte counts could
 *       possibly run.
 * </ul>
 */
package dev.kernelplayground.ada;
