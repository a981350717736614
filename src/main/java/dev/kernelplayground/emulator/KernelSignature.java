package dev.kernelplayground.emulator;

import java.util.List;

/**
 * A {@code __global__} function found in a .cu file.
 *
 * @param name its name
 * @param parameters its parameters' names, in order
 * @param template true for a kernel template, which runs only as an instantiation named at compile time
 *     (e.g. {@code matmul<64, 8>})
 * @param line the line of the user's file it is declared on
 */
public record KernelSignature(String name, List<String> parameters, boolean template, int line) {}
