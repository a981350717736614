package dev.kernelplayground.check;

/**
 * What a correct output must be: the float64 reference value of each element and the largest absolute
 * error a correct kernel can make on it, with the rule that produced the bounds written out in words.
 */
public record Expected(OutputLayout layout, double[] values, double[] bounds, String rule) {
  public Expected {
    if (values.length != layout.size() || bounds.length != layout.size()) {
      throw new IllegalArgumentException(
          "reference has " + values.length + " values and " + bounds.length
              + " bounds for an output of " + layout.size() + " elements");
    }
  }
}
