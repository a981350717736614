package dev.kernelplayground.tour;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.aparapi.AparapiRunner;
import dev.kernelplayground.aparapi.Grid;
import dev.kernelplayground.aparapi.UntranslatableKernelException;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.check.CheckReport;
import dev.kernelplayground.check.Checker;
import dev.kernelplayground.device.BackendStatus;
import dev.kernelplayground.device.DeviceDiscovery;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.emulator.EmulatorException;
import dev.kernelplayground.lessonkernels.matmul.MatmulCases;
import dev.kernelplayground.plot.ErrorMapChart;
import dev.kernelplayground.problem.MatmulProblem;
import dev.kernelplayground.report.CheckHtml;
import dev.kernelplayground.report.CheckText;
import dev.kernelplayground.report.RooflineProjection;
import dev.kernelplayground.report.TimingTable;
import dev.kernelplayground.report.Units;
import dev.kernelplayground.run.KernelCase;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import dev.kernelplayground.threads.BlockGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The playground's main job in one run: a vector add and a tiled matmul written in plain Java, each checked
 * against its float64 reference and timed, a planted indexing bug caught with its error map, the matmul as
 * a Java kernel on OpenCL (and a kernel that cannot go there, refused), and what an RTX 4090's roofline
 * would allow for the same problems. Sizes are deliberately not multiples of the tile.
 */
public final class Tour {
  /** The vector length: odd, so the last block is partial. */
  static final int VECTOR_N = 10_000_019;

  /** The matmul: none of m, n, k is a multiple of the 32-wide tile. */
  static final int M = 1000, N = 777, K = 513;

  /** The planted-bug demo is small enough for its error map to be read at a glance. */
  static final int BUG_M = 200, BUG_N = 150, BUG_K = 70;

  private final PrintWriter out;
  private final Path reportDir;
  private final long seed;
  private final BenchConfig bench;
  private boolean fallbackRefused = true;
  private boolean cudaBugCaught = true;

  public Tour(PrintWriter out, Path reportDir, long seed, BenchConfig bench) {
    this.out = out;
    this.reportDir = reportDir;
    this.seed = seed;
    this.bench = bench;
  }

  /** Runs the tour; returns true when both kernels passed and the planted bug was caught. */
  public boolean run() throws IOException {
    GpuSpec gpu = AdaGpus.RTX_4090;
    BlockGrid grid = BlockGrid.shared();
    out.println("Kernel Playground tour · seed " + seed + " (replay with --seed " + seed + ")");
    out.println();
    out.println("This machine:");
    for (BackendStatus s : DeviceDiscovery.discover()) {
      out.printf("  %-8s %s%s (runs here: %s)%n", s.backend().id(), s.found() ? "" : "— ", s.detail(), s.runsHere());
    }
    out.println("The kernels below are plain Java on the java backend; their times are CPU times.");
    out.println();

    List<KernelCase> cases =
        List.of(
            TourKernels.vectorAdd(VECTOR_N, seed, grid),
            TourKernels.tiledMatmul(M, N, K, seed, grid));
    List<TrialResult> results = new ArrayList<>();
    int step = 1;
    for (KernelCase c : cases) {
      out.printf("%d. %s — %s%n", step++, c.kernel(), c.problem().describe());
      out.flush();
      TrialResult r = Trial.run(c, bench, CacheFlush.NONE);
      results.add(r);
      out.print(indent(CheckText.full(r.check())));
      if (r.recheck() != null) {
        out.println("     re-check " + CheckText.summary(r.recheck()));
      }
      out.println();
    }
    out.println("Check and timing (" + bench.warmups() + " warm-ups, " + bench.repeats() + " timed runs each):");
    out.print(TimingTable.text(results, gpu));
    out.println();
    out.println();

    out.printf("%d. What a bug looks like: the tiled matmul with its grid rounded down (m / %d, not ⌈m / %d⌉)%n",
        step++, TiledMatmul.TILE, TiledMatmul.TILE);
    CheckReport bug = plantedBug(grid);
    out.print(indent(CheckText.full(bug)));
    out.println();

    results.addAll(javaKernelsOnOpenCl(step++));
    results.addAll(cudaOnTheEmulator(step++));

    out.printf("%d. The same problems on the %s, by its roofline (spec-sheet bound, not a measurement):%n",
        step, gpu.name());
    out.print(RooflineProjection.text(cases, gpu));
    out.println();
    out.println();

    Files.createDirectories(reportDir);
    List<CheckReport> checks = new ArrayList<>();
    results.forEach(r -> checks.add(r.check()));
    checks.add(bug);
    Path html = reportDir.resolve("tour.html");
    Files.writeString(html, CheckHtml.page("Kernel Playground tour · seed " + seed, checks));
    Path png = ErrorMapChart.write(bug, reportDir.resolve("planted-bug-error-map.png"));
    out.println("Reports: " + html + " (checks and error maps), " + png);
    out.println();
    out.println("Next: ./kp run --list · ./kp run softmax_online --size 1823x781 · ./kp bench kernels · ./kp devices · ./kp --help");
    out.flush();
    boolean kernelsPassed = results.stream().allMatch(TrialResult::passed);
    return kernelsPassed && !bug.passed() && fallbackRefused && cudaBugCaught;
  }

  /**
   * The tiled matmul again, as a Java kernel that Aparapi translates to OpenCL C, on the first OpenCL
   * device; then a kernel that cannot be translated, refused with its reason instead of silently running
   * on Java threads.
   */
  private List<TrialResult> javaKernelsOnOpenCl(int step) {
    out.printf("%d. Java kernels on OpenCL: the tiled matmul as an Aparapi kernel (16×16 work-groups, local memory)%n", step);
    List<AparapiDevice> openCl = AparapiDeviceList.openCl();
    if (openCl.isEmpty()) {
      out.println("   No OpenCL device on this machine (Debian: apt-get install pocl-opencl-icd ocl-icd-libopencl1);");
      out.println("   `./kp run matmul_tiled --backend jtp` runs it on Java threads instead.");
      out.println();
      return List.of();
    }
    AparapiDevice device = openCl.get(0);
    out.println("   on " + device.describe().strip());
    out.flush();
    TrialResult r = Trial.run(MatmulCases.tiled(MatmulProblem.random(M, N, K, seed), device), bench, CacheFlush.NONE);
    out.print(indent(CheckText.full(r.check())));
    if (r.timing() != null) {
      out.printf("     median %s, %s%n", Units.seconds(r.timing().median()), Units.rate(r.timing().gflops() * 1e9, "FLOP"));
    }
    out.println("   A kernel that calls new inside run() (fine Java, impossible on a GPU) is refused, not run elsewhere:");
    try {
      float[] x = new float[256];
      AparapiRunner.run(new AllocatingKernel(x, new float[256]), Grid.oneD(256, 64), device);
      out.println("     it ran — which it must not; please report this");
      fallbackRefused = false;
    } catch (UntranslatableKernelException e) {
      out.println("     " + e.getMessage());
    }
    out.println();
    return List.of(r);
  }

  /**
   * A CUDA C kernel from kernels/ on the emulator, checked like the others; then the same kernel without
   * its bounds guard, whose write past the end the emulator names with block, thread and line.
   */
  private List<TrialResult> cudaOnTheEmulator(int step) throws IOException {
    out.printf("%d. CUDA C on the CPU: kernels/vector_add/01_vector_add.cu on the emulator%n", step);
    if (!Emulator.available()) {
      out.println("   No C++ compiler here (Debian: apt-get install g++): the emulator cannot build CUDA C.");
      out.println();
      return List.of();
    }
    Path file;
    try {
      file = KernelLibrary.find().root().resolve("vector_add").resolve("01_vector_add.cu");
    } catch (IllegalArgumentException e) {
      out.println("   " + e.getMessage() + " (run the tour from the repository)");
      out.println();
      return List.of();
    }
    out.flush();
    KernelSource source = KernelSource.load(file);
    EmulatorBackend emulator = new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT);
    BoundKernel bound = BoundKernel.bind(source, Map.of("n", VECTOR_N / 10), seed);
    TrialResult r = Trial.run(emulator.prepare(bound), bench, emulator.cacheFlush());
    out.print(indent(CheckText.full(r.check())));
    if (r.timing() != null) {
      out.printf("     median %s (%s, not a GPU figure)%n", Units.seconds(r.timing().median()),
          r.timing().clock().label());
    }
    out.println("   The same kernel without its `if (i < n)` guard, where a GPU would scribble past the end silently:");
    Path unguarded = reportDir.resolve("vector_add_unguarded.cu");
    Files.createDirectories(reportDir);
    Files.writeString(unguarded, source.text().replace("if (i < n) {", "{"));
    try {
      BoundKernel broken = BoundKernel.bind(KernelSource.load(unguarded), Map.of("n", 1000), seed);
      Trial.run(emulator.prepare(broken), bench, emulator.cacheFlush());
      out.println("     it ran without a word — which it must not; please report this");
      cudaBugCaught = false;
    } catch (EmulatorException e) {
      out.println("     " + e.getMessage().lines().findFirst().orElse(""));
    }
    out.println();
    return List.of(r);
  }

  private CheckReport plantedBug(BlockGrid grid) {
    MatmulProblem p = MatmulProblem.random(BUG_M, BUG_N, BUG_K, seed);
    float[] c = new float[p.outputSize()];
    return Checker.run(
        "matmul_tiled_edge_bug",
        seed,
        p.expected(),
        p.inputs(),
        c,
        buffer -> EdgeBugMatmul.run(grid, p.a(), p.b(), buffer, p.m(), p.n(), p.k()),
        TiledMatmul.TILE);
  }

  private static String indent(String text) {
    StringBuilder b = new StringBuilder();
    text.lines().forEach(l -> b.append("   ").append(l).append(System.lineSeparator()));
    return b.toString();
  }
}
