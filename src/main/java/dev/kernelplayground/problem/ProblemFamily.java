package dev.kernelplayground.problem;

import dev.kernelplayground.check.Arithmetic;
import dev.kernelplayground.run.KernelCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One kind of task kernels are written for — vector add, matmul, softmax, transpose... — with everything the
 * playground needs to run any kernel of it: the names of its sizes and inputs, how to draw a problem, the
 * header checks that name it, its plain-Java baseline, and the sizes it runs at (by default, in the GPU
 * checks and benchmarks, in the Java benchmark, and in the tests). {@link ProblemFamilies} lists them all.
 *
 * <p>Sizes are given as whole numbers in {@link #sizeNames()} order, the order a header's {@code @kp check:}
 * line names them. A family may end its sizes with switches, sizes that are 0 or 1 (attention's
 * {@code causal}); the other sizes are its extents. The Java lesson kernels take the extents only and run with
 * every switch 0.
 *
 * @param <P> the family's problem
 */
public final class ProblemFamily<P extends Problem> {
  /** Draws the family's problem at sizes in {@link #sizeNames()} order, from a seed, checked for an arithmetic. */
  @FunctionalInterface
  public interface Maker<P> {
    P make(int[] sizes, long seed, Arithmetic arithmetic);
  }

  /**
   * The odd shapes the tests run the family at: none a multiple of a tile, a warp or a work-group, plus
   * the degenerate ones.
   *
   * @param small one shape whose CPU reference takes milliseconds (binding every kernels/ file)
   * @param launches shapes every kernels/ header's launch is evaluated at (cheap: nothing runs)
   * @param emulator shapes every kernels/ file runs at on the emulator
   * @param openCl extents every Java lesson kernel runs at on OpenCL (PoCL)
   * @param javaThreadPool extents every Java lesson kernel runs at on Java threads ({@code jtp}), one thread per
   *     work-item and far slower than OpenCL; the first also times the plain-Java loops
   */
  public record TestShapes(
      int[] small, List<int[]> launches, List<int[]> emulator, List<int[]> openCl, List<int[]> javaThreadPool) {}

  private record Declared(String label, Arithmetic arithmetic, GpuComparison comparison) {}

  private final String name;
  private final List<String> sizeNames;
  private final List<String> switchNames;
  private final List<String> inputNames;
  private final Maker<P> maker;
  private final Function<P, KernelCase> plainJava;
  private final List<ReferenceCheck> checks;
  private final int[] defaultSize;
  private final List<int[]> gpuChecks;
  private final List<int[]> benchQuick;
  private final List<int[]> benchFull;
  private final int[] javaBench;
  private final TestShapes tests;

  private ProblemFamily(Builder<P> b) {
    this.name = b.name;
    this.switchNames = List.copyOf(b.switchNames);
    List<String> all = new ArrayList<>(b.extentNames);
    all.addAll(b.switchNames);
    this.sizeNames = List.copyOf(all);
    this.inputNames = List.copyOf(b.inputNames);
    this.maker = b.maker;
    this.plainJava = require(b.plainJava, "a plain-Java baseline");
    this.checks = b.checks.stream().map(d -> new ReferenceCheck(d.label(), this, d.arithmetic(), d.comparison())).toList();
    if (checks.isEmpty() || checks.get(0).arithmetic() != Arithmetic.FP32) {
      throw invalid("its first check must be in fp32, the arithmetic of its Java kernels");
    }
    this.defaultSize = validSizes("the default size", require(b.defaultSize, "a default size"));
    this.gpuChecks = validSizes("the GPU checks", b.gpuChecks);
    this.benchQuick = switchedOff("the quick benchmark", validSizes("the quick benchmark", b.benchQuick));
    this.benchFull = switchedOff("the benchmark", validSizes("the benchmark", b.benchFull));
    this.javaBench = validExtents("the Java benchmark", require(b.javaBench, "a Java benchmark size"));
    this.tests = new TestShapes(
        validSizes("the small test shape", require(b.small, "a small test shape")),
        validSizes("the launch test shapes", b.launches),
        validSizes("the emulator test shapes", b.emulator),
        validExtents("the OpenCL test shapes", b.openCl),
        validExtents("the Java thread pool test shapes", b.javaThreadPool));
  }

  /** Starts a family: its name (also its kernels/ folder) and how to draw its problem. */
  public static <P extends Problem> Builder<P> of(String name, Maker<P> maker) {
    return new Builder<>(name, maker);
  }

  /** The family's name, e.g. "matmul": its kernels/ folder and the family of its Java kernels. */
  public String name() {
    return name;
  }

  /** All sizes in header order, switches last, e.g. batch, heads, seq, dim, causal. */
  public List<String> sizeNames() {
    return sizeNames;
  }

  /** The sizes that are 0 or 1 (attention's causal); empty for most families. */
  public List<String> switchNames() {
    return switchNames;
  }

  /** The sizes that are not switches: what the Java lesson kernels take, e.g. batch, heads, seq, dim. */
  public List<String> extentNames() {
    return sizeNames.subList(0, sizeNames.size() - switchNames.size());
  }

  /** The input buffers' names, in argument order, e.g. a, b. */
  public List<String> inputNames() {
    return inputNames;
  }

  /** The header checks that name this family, one per arithmetic, the fp32 one first. */
  public List<ReferenceCheck> checks() {
    return checks;
  }

  /** The fp32 check: the arithmetic of the Java lesson kernels. */
  public ReferenceCheck check() {
    return checks.get(0);
  }

  /** The problem at {@code sizes} (every size, in header order), with inputs drawn from {@code seed}. */
  public P problem(int[] sizes, long seed, Arithmetic arithmetic) {
    return maker.make(sizes, seed, arithmetic);
  }

  /** The problem the Java lesson kernels solve at these extents: every switch 0, fp32. */
  public P javaProblem(int[] extents, long seed) {
    return problem(withSwitches(extents, new int[switchNames.size()]), seed, Arithmetic.FP32);
  }

  /** The family's plain-Java loops on the problem at these extents: the baseline the kernels beat or not. */
  public KernelCase plainJava(int[] extents, long seed) {
    requireExtents(name, extents);
    return plainJava.apply(javaProblem(extents, seed));
  }

  /** Refuses extents of the wrong count, naming {@code what} takes them. */
  public void requireExtents(String what, int[] extents) {
    List<String> names = extentNames();
    if (extents.length != names.size()) {
      throw new IllegalArgumentException(
          what + " takes " + names.size() + " size" + (names.size() == 1 ? "" : "s")
              + " (" + String.join("×", names) + "), got " + extents.length);
    }
  }

  /**
   * Sizes as a caller typed them, in header order, as a map from size name to value.
   *
   * @throws IllegalArgumentException "WHAT takes 3 sizes (m×n×k), got 2" for the wrong count
   */
  public Map<String, Integer> named(String what, int[] sizes) {
    if (sizes.length != sizeNames.size()) {
      throw new IllegalArgumentException(what + " takes " + sizeNames.size() + " size" + (sizeNames.size() == 1 ? "" : "s")
          + " (" + String.join("×", sizeNames) + "), got " + sizes.length);
    }
    return named(sizes);
  }

  /** Sizes in header order as a map from size name to value, in that order. */
  public Map<String, Integer> named(int[] sizes) {
    Map<String, Integer> named = new LinkedHashMap<>();
    for (int i = 0; i < sizeNames.size(); i++) {
      named.put(sizeNames.get(i), sizes[i]);
    }
    return named;
  }

  /** The extents of full sizes: the switches dropped. */
  public int[] extents(int[] sizes) {
    return Arrays.copyOf(sizes, extentNames().size());
  }

  /** The switches' values of full sizes. */
  public int[] switchValues(int[] sizes) {
    return Arrays.copyOfRange(sizes, extentNames().size(), sizeNames.size());
  }

  /** Full sizes from extents and the switches' values. */
  public int[] withSwitches(int[] extents, int[] switchValues) {
    int[] sizes = Arrays.copyOf(extents, extents.length + switchValues.length);
    System.arraycopy(switchValues, 0, sizes, extents.length, switchValues.length);
    return sizes;
  }

  /** The sizes kernels are evaluated at when none are given (occupancy, a header's sanity check). */
  public int[] defaultSize() {
    return defaultSize.clone();
  }

  /**
   * Odd sizes big enough to cross many tiles and blocks on a GPU: the GPU report checks each kernels/ file at
   * the first, the GPU tests at all of them.
   */
  public List<int[]> gpuChecks() {
    return copy(gpuChecks);
  }

  /** The GPU benchmark's sizes, every switch off: a few for {@code quick}, else the full set. */
  public List<int[]> benchSizes(boolean quick) {
    return copy(quick ? benchQuick : benchFull);
  }

  /** The extents {@code kp bench kernels} runs the Java kernels at: big enough to time, small enough for JTP. */
  public int[] javaBench() {
    return javaBench.clone();
  }

  /** The odd shapes of the tests. */
  public TestShapes tests() {
    return new TestShapes(tests.small().clone(), copy(tests.launches()), copy(tests.emulator()),
        copy(tests.openCl()), copy(tests.javaThreadPool()));
  }

  @Override
  public String toString() {
    return name;
  }

  private static List<int[]> copy(List<int[]> sizes) {
    return sizes.stream().map(int[]::clone).toList();
  }

  private int[] validSizes(String what, int[] sizes) {
    if (sizes.length != sizeNames.size()) {
      throw invalid(what + " " + Arrays.toString(sizes) + " is not " + String.join("×", sizeNames));
    }
    for (int i = 0; i < sizes.length; i++) {
      boolean isSwitch = i >= extentNames().size();
      if (isSwitch ? sizes[i] != 0 && sizes[i] != 1 : sizes[i] < 1) {
        throw invalid(what + " " + Arrays.toString(sizes) + ": " + sizeNames.get(i) + " out of range");
      }
    }
    return sizes.clone();
  }

  private List<int[]> validSizes(String what, List<int[]> sizes) {
    if (sizes.isEmpty()) {
      throw invalid("it has no sizes for " + what);
    }
    return sizes.stream().map(s -> validSizes(what, s)).toList();
  }

  private int[] validExtents(String what, int[] extents) {
    if (extents.length != extentNames().size()) {
      throw invalid(what + " " + Arrays.toString(extents) + " is not " + String.join("×", extentNames()));
    }
    return extents(validSizes(what, withSwitches(extents, new int[switchNames.size()])));
  }

  private List<int[]> validExtents(String what, List<int[]> extents) {
    if (extents.isEmpty()) {
      throw invalid("it has no sizes for " + what);
    }
    return extents.stream().map(e -> validExtents(what, e)).toList();
  }

  private List<int[]> switchedOff(String what, List<int[]> sizes) {
    for (int[] s : sizes) {
      if (Arrays.stream(switchValues(s)).anyMatch(v -> v != 0)) {
        throw invalid(what + " runs with every switch off, not " + Arrays.toString(s));
      }
    }
    return sizes;
  }

  private <T> T require(T value, String what) {
    if (value == null) {
      throw invalid("it has no " + what);
    }
    return value;
  }

  private IllegalStateException invalid(String why) {
    return new IllegalStateException("problem family " + name + ": " + why);
  }

  /** Declares a family, one property per call; {@link #build} checks every size against the size names. */
  public static final class Builder<P extends Problem> {
    private final String name;
    private final Maker<P> maker;
    private List<String> extentNames = List.of();
    private List<String> switchNames = List.of();
    private List<String> inputNames = List.of();
    private Function<P, KernelCase> plainJava;
    private final List<Declared> checks = new ArrayList<>();
    private int[] defaultSize;
    private List<int[]> gpuChecks = List.of();
    private List<int[]> benchQuick = List.of();
    private List<int[]> benchFull = List.of();
    private int[] javaBench;
    private int[] small;
    private List<int[]> launches = List.of();
    private List<int[]> emulator = List.of();
    private List<int[]> openCl = List.of();
    private List<int[]> javaThreadPool = List.of();

    private Builder(String name, Maker<P> maker) {
      this.name = name;
      this.maker = maker;
    }

    /** The extents, in header order. */
    public Builder<P> sizes(String... names) {
      return set(() -> extentNames = List.of(names));
    }

    /** Sizes that are 0 or 1, named after the extents in a header. */
    public Builder<P> switches(String... names) {
      return set(() -> switchNames = List.of(names));
    }

    public Builder<P> inputs(String... names) {
      return set(() -> inputNames = List.of(names));
    }

    public Builder<P> plainJava(Function<P, KernelCase> loops) {
      return set(() -> plainJava = loops);
    }

    /** A header check: its label, the arithmetic its problems allow for, what its GPU speed is compared with. */
    public Builder<P> check(String label, Arithmetic arithmetic, GpuComparison comparison) {
      return set(() -> checks.add(new Declared(label, arithmetic, comparison)));
    }

    public Builder<P> defaultSize(int... sizes) {
      return set(() -> defaultSize = sizes);
    }

    public Builder<P> gpuChecks(int[]... sizes) {
      return set(() -> gpuChecks = List.of(sizes));
    }

    public Builder<P> benchQuick(int[]... sizes) {
      return set(() -> benchQuick = List.of(sizes));
    }

    public Builder<P> benchFull(int[]... sizes) {
      return set(() -> benchFull = List.of(sizes));
    }

    /** Extents, as the Java kernels take them. */
    public Builder<P> javaBench(int... extents) {
      return set(() -> javaBench = extents);
    }

    public Builder<P> testSmall(int... sizes) {
      return set(() -> small = sizes);
    }

    public Builder<P> testLaunches(int[]... sizes) {
      return set(() -> launches = List.of(sizes));
    }

    public Builder<P> testEmulator(int[]... sizes) {
      return set(() -> emulator = List.of(sizes));
    }

    /** Extents, as the Java kernels take them. */
    public Builder<P> testOpenCl(int[]... extents) {
      return set(() -> openCl = List.of(extents));
    }

    /** Extents, as the Java kernels take them. */
    public Builder<P> testJavaThreadPool(int[]... extents) {
      return set(() -> javaThreadPool = List.of(extents));
    }

    /** Every setter: one assignment, then the builder again for the next call. */
    private Builder<P> set(Runnable assignment) {
      assignment.run();
      return this;
    }

    public ProblemFamily<P> build() {
      return new ProblemFamily<>(this);
    }
  }
}
