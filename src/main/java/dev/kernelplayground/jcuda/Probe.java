package dev.kernelplayground.jcuda;

/**
 * One thing looked for on this machine (the NVIDIA driver, NVRTC, nvcc, cuBLAS): whether it is usable, and
 * what was found or, in plain words, why not.
 */
public record Probe(boolean present, String detail) {
  static Probe found(String detail) {
    return new Probe(true, detail);
  }

  static Probe missing(String why) {
    return new Probe(false, why);
  }
}
