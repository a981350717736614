package dev.kernelplayground.problem;

import dev.kernelplayground.bench.Workload;
import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.check.Expected;
import dev.kernelplayground.check.Tolerance;
import dev.kernelplayground.reference.MatmulReference;

/** C (m×n) = A (m×k) · B (k×n), row-major, fp32 inputs. */
public final class MatmulProblem extends SeededProblem {
  private final int m, n, k;
  private final Arithmetic arithmetic;
  private final float[] a;
  private final float[] b;

  private MatmulProblem(int m, int n, int k, long seed, Arithmetic arithmetic) {
    super(seed);
    this.m = m;
    this.n = n;
    this.k = k;
    this.arithmetic = arithmetic;
    this.a = addInput("a", m * k);
    this.b = addInput("b", k * n);
  }

  public static MatmulProblem random(int m, int n, int k, long seed) {
    return random(m, n, k, seed, Arithmetic.FP32);
  }

  public static MatmulProblem random(int m, int n, int k, long seed, Arithmetic arithmetic) {
    String what = String.format("matmul %d×%d×%d", m, n, k);
    long mk = MemoryBudget.elements(what + " (A)", m, k);
    long kn = MemoryBudget.elements(what + " (B)", k, n);
    long mn = MemoryBudget.elements(what + " (C)", m, n);
    // inputs and their snapshot (2×4 B), output (4 B), B as double (8 B), reference, Σ|a·b| and bounds (3×8 B)
    MemoryBudget.require(what, 8.0 * (mk + kn) + 4.0 * mn + 8.0 * kn + 24.0 * mn);
    return new MatmulProblem(m, n, k, seed, arithmetic);
  }

  public int m() {
    return m;
  }

  public int n() {
    return n;
  }

  public int k() {
    return k;
  }

  /** The number formats the kernel is checked for: FP32, or fp16 inputs with fp32 accumulation. */
  public Arithmetic arithmetic() {
    return arithmetic;
  }

  public float[] a() {
    return a;
  }

  public float[] b() {
    return b;
  }

  @Override
  public String describe() {
    return String.format("matmul %d×%d×%d (m×n×k)", m, n, k);
  }

  @Override
  public int outputSize() {
    return m * n;
  }

  @Override
  Expected computeExpected() {
    return Tolerance.matmul(MatmulReference.compute(a(), b(), m, n, k), k, arithmetic);
  }

  /** 2·m·n·k FLOPs; A and B read once, C written once, in fp32. */
  @Override
  public Workload workload() {
    return new Workload(2.0 * m * n * k, 4.0 * ((double) m * k + (double) k * n + (double) m * n));
  }
}
