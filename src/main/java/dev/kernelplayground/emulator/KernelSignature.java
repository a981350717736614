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
 * @param declarations each parameter as written, e.g. {@code const float* __restrict__ x}
 */
public record KernelSignature(String name, List<String> parameters, boolean template, int line,
    List<String> declarations) {

  /** Whether parameter {@code index} is a pointer the kernel promises not to write through ({@code const T*}). */
  public boolean readOnlyPointer(int index) {
    String d = declarations.get(index);
    int star = d.indexOf('*');
    return star >= 0 && d.substring(0, star).matches("(?s).*\\bconst\\b.*");
  }

  /** Whether parameter {@code index} is a pointer (or an array, {@code float x[]}). */
  public boolean pointer(int index) {
    String d = declarations.get(index);
    return d.contains("*") || d.contains("[");
  }

  /** Whether parameter {@code index} is a floating-point scalar. */
  public boolean floatingPoint(int index) {
    return !pointer(index) && declarations.get(index).matches("(?s).*\\b(float|double|__half|half)\\b.*");
  }

  /** {@code saxpy(float a, const float* x, ...)}, as written. */
  @Override
  public String toString() {
    return name + "(" + String.join(", ", declarations) + ")";
  }
}
