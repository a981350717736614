package dev.kernelplayground.reference;

/**
 * A float64 reference whose every output is a sum of terms: the sums and, element by element, the sum of the
 * terms' absolute values, which bounds the rounding error of any order of adding them (Tolerance.sums).
 *
 * @param values the exact sums, widened to double
 * @param absSums Σ|term| for each output
 */
public record SumsResult(double[] values, double[] absSums) {}
