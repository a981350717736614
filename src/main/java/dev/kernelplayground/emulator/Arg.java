package dev.kernelplayground.emulator;

import java.util.Objects;

/**
 * One kernel argument, in parameter order: a buffer the kernel reads ({@code in}), writes ({@code out}) or
 * both ({@code inOut}), or a scalar. Buffers of {@code out} and {@code inOut} arguments are written back into
 * the same Java array after the launch; an {@code in} buffer is read-only to the kernel, and a write into it
 * is reported. A {@code short[]} holds 16-bit patterns: fp16 ({@code __half}) or bf16 ({@code __nv_bfloat16})
 * as the kernel's parameter type says (see reference.LowPrecision for the conversions).
 */
public sealed interface Arg {
  /** How a kernel may use a buffer. */
  enum Access {
    IN("in"),
    OUT("out"),
    IN_OUT("inout");

    final String wire;

    Access(String wire) {
      this.wire = wire;
    }
  }

  /** A float[] buffer, for {@code float*} parameters. */
  record Floats(float[] data, Access access) implements Arg {
    public Floats {
      Objects.requireNonNull(data, "buffer");
    }
  }

  /** An int[] buffer, for {@code int*} and {@code unsigned*} parameters. */
  record Ints(int[] data, Access access) implements Arg {
    public Ints {
      Objects.requireNonNull(data, "buffer");
    }
  }

  /** A short[] of 16-bit patterns, for {@code __half*} and {@code __nv_bfloat16*} parameters. */
  record Halves(short[] data, Access access) implements Arg {
    public Halves {
      Objects.requireNonNull(data, "buffer");
    }
  }

  /** An integer scalar, for {@code int}, {@code unsigned}, {@code size_t}... parameters. */
  record IntValue(long value) implements Arg {}

  /** A floating-point scalar, for {@code float}, {@code double} and {@code __half} parameters. */
  record FloatValue(float value) implements Arg {}

  static Arg in(float[] data) {
    return new Floats(data, Access.IN);
  }

  static Arg out(float[] data) {
    return new Floats(data, Access.OUT);
  }

  static Arg inOut(float[] data) {
    return new Floats(data, Access.IN_OUT);
  }

  static Arg in(int[] data) {
    return new Ints(data, Access.IN);
  }

  static Arg out(int[] data) {
    return new Ints(data, Access.OUT);
  }

  static Arg inOut(int[] data) {
    return new Ints(data, Access.IN_OUT);
  }

  static Arg in(short[] halfBits) {
    return new Halves(halfBits, Access.IN);
  }

  static Arg out(short[] halfBits) {
    return new Halves(halfBits, Access.OUT);
  }

  static Arg inOut(short[] halfBits) {
    return new Halves(halfBits, Access.IN_OUT);
  }

  static Arg of(int value) {
    return new IntValue(value);
  }

  static Arg of(long value) {
    return new IntValue(value);
  }

  static Arg of(float value) {
    return new FloatValue(value);
  }
}
