package dev.kernelplayground.profile;

import dev.kernelplayground.ada.GpuSpec;
import java.util.List;

/**
 * A kernel file's text with what the profiler counted for its kernels at one size, for the notebook's view (the
 * file's own lines, each with a bar for its share of the traffic) and the bound's GPU.
 *
 * @param fileName the file's name, e.g. "05_blocktile_2d.cu" or a {@code %%cuda} cell's
 * @param text the file's text
 * @param profiles one per kernel the file launched
 * @param gpu the GPU the lower bound is for
 */
public record SourceProfile(String fileName, String text, List<KernelProfile> profiles, GpuSpec gpu) {}
