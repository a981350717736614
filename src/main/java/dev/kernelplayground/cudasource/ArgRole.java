package dev.kernelplayground.cudasource;

/** What a kernel argument carries, as the header's {@code @kp args:} line declares it. */
public enum ArgRole {
  /** A problem input buffer, named as the check names it (matmul: a, b; attention: q, k, v ...). */
  INPUT,
  /** The output buffer {@code out}, compared with the reference. */
  OUTPUT,
  /** A scratch buffer the launcher allocates with a size expression, e.g. {@code float* s[seq * seq]}. */
  SCRATCH,
  /** One of the problem's sizes passed as is, e.g. {@code int m}. */
  SIZE,
  /** A scalar computed from the sizes, e.g. {@code float scale = 1 / sqrt(dim)}. */
  SCALAR
}
