package dev.kernelplayground.notebook;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.Precision;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.cudasource.CudaBackend;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.device.DeviceDiscovery;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.Emulator;
import dev.kernelplayground.emulator.Schedule;
import dev.kernelplayground.jcuda.CudaAvailability;
import dev.kernelplayground.plot.ErrorMapChart;
import dev.kernelplayground.plot.RooflineChart;
import dev.kernelplayground.lessonkernels.JavaKernels;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.SourceProfile;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;

/**
 * The lesson API a notebook cell calls without an import: pick where Java kernels run, and run a lesson
 * kernel with its check and timing. What a cell returns is shown by the notebook (a trial as an HTML
 * report). It holds nothing itself: the choices and the {@code %%cuda} kernels live in the notebook's
 * {@link NotebookSession}.
 */
public final class Playground {
  private Playground() {}

  /** The device Java kernels run on: the one chosen with {@link #use}, else the first OpenCL device, else JTP. */
  public static AparapiDevice device() {
    return NotebookSession.current().device();
  }

  /** What this machine can run on, one line per backend: the same facts as {@code kp devices}. */
  public static String thisMachine() {
    return DeviceDiscovery.discover().stream()
        .map(s -> String.format("%-8s %s%s", s.backend().id(), s.found() ? "" : "— ", s.detail()))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Chooses where kernels run: {@code opencl:N} or {@code jtp} for Java kernels, {@code emulator} or
   * {@code cuda} for CUDA C.
   */
  public static String use(String id) {
    NotebookSession session = NotebookSession.current();
    switch (id) {
      case "emulator" -> session.useCudaBackend("emulator");
      case "cuda" -> {
        if (!CudaAvailability.gpuPresent()) {
          throw new IllegalArgumentException("no CUDA here: " + CudaAvailability.driver().detail() + "; CUDA C runs on the emulator");
        }
        session.useCudaBackend("cuda");
      }
      default -> session.useDevice(AparapiDeviceList.byId(id));
    }
    return devices();
  }

  /**
   * The order the emulator runs the threads of each block in, for this notebook's CUDA C from now on:
   * {@code forward} (thread order, the default), {@code reverse}, {@code random} (a fresh seed) or {@code
   * random:SEED}. A kernel whose result changes with it has a race. Returns what was chosen, with the seed
   * that replays it.
   */
  public static String schedule(String order) {
    Schedule chosen = Schedule.parse(order);
    NotebookSession.current().emulator().schedule(chosen);
    return "CUDA C on the emulator runs the threads of each block in " + chosen + " order"
        + (chosen.order() == Schedule.Order.RANDOM ? " (Playground.schedule(\"" + chosen + "\") replays it)" : "");
  }

  /**
   * Turns the emulator's shared-memory sanitizer (races and reads of shared memory no thread wrote) on, the
   * default, or off for speed; bounds checks stay on.
   */
  public static String sanitize(boolean on) {
    NotebookSession.current().emulator().sanitize(on);
    return "CUDA C on the emulator: sanitizer " + (on ? "on" : "off");
  }

  /** Where CUDA C runs: {@code cuda} on a machine with an NVIDIA GPU, else {@code emulator}, unless chosen. */
  public static String cudaBackend() {
    return NotebookSession.current().cudaBackend();
  }

  /** Where kernels can run, one line each, the current ones marked with *. */
  public static String devices() {
    AparapiDevice current = device();
    String java = AparapiDeviceList.list().stream()
        .map(d -> (d.equals(current) ? "* " : "  ") + d.describe())
        .collect(Collectors.joining("\n"));
    String cuda = cudaBackend();
    return "Java kernels:\n" + java + "\nCUDA C:\n"
        + (cuda.equals("emulator") ? "* " : "  ") + "emulator  CUDA C on the CPU, bounds-checked, sanitizer "
        + (NotebookSession.current().emulator().sanitize() ? "on" : "off") + " (" + Emulator.compiler().orElse("no C++ compiler") + ")\n"
        + (cuda.equals("cuda") ? "* " : "  ") + "cuda      " + (CudaAvailability.gpuPresent() ? "an NVIDIA GPU through JCuda" : "— " + CudaAvailability.driver().detail());
  }

  /**
   * Runs a lesson kernel ({@code kp run --list} names them) at the given sizes on the current device:
   * checked against its float64 reference with a fresh seed, timed, re-checked.
   */
  public static TrialResult run(String kernel, int... sizes) {
    return run(kernel, RandomInputs.newSeed(), sizes);
  }

  /**
   * Runs a CUDA C kernel — one a {@code %%cuda} cell defined (by kernel name) or a .cu file of the
   * library — at the sizes its header names, on the emulator or the GPU ({@link #cudaBackend}), checked
   * against its reference with a fresh seed and timed.
   */
  public static TrialResult cuda(String kernel, int... sizes) {
    return cuda(kernel, RandomInputs.newSeed(), sizes);
  }

  /** The same with a chosen seed. */
  public static TrialResult cuda(String kernel, long seed, int... sizes) {
    NotebookSession session = NotebookSession.current();
    KernelSource source = session.cuda().find(kernel);
    BoundKernel bound = BoundKernel.bind(source, source.header().check().family().named(kernel, sizes), seed);
    CudaBackend backend = cudaBackend().equals("cuda") ? session.gpu() : session.emulator();
    return Trial.run(backend.prepare(bound), new BenchConfig(1, 3), backend.cacheFlush());
  }

  /**
   * A CUDA C kernel's source — a {@code %%cuda} cell's (by kernel name) or a .cu file of the library — to read
   * its {@code #define}s (e.g. to draw it at its own tile sizes).
   */
  public static KernelSource source(String kernel) {
    return NotebookSession.current().cuda().find(kernel);
  }

  /**
   * Launches a kernel of a {@code %%cuda} cell by hand on the emulator, {@code blocks} blocks of {@code threads}
   * threads along x, with the arguments in the kernel's order ({@code KernelArg.in(x)}, {@code inOut(y)}, {@code
   * of(n)}): the arrays of out and in-out buffers receive what the kernel wrote. For checks that need a launch
   * the kernel's header does not describe (another grid, a buffer updated in place); a kernel that fails (out of
   * bounds, a race) throws with the emulator's report. The same as {@code Cuda.kernel(kernel).launch(grid(blocks),
   * block(threads), args...)}.
   */
  public static RawLaunch launch(String kernel, int blocks, int threads, KernelArg... args) {
    return Cuda.kernel(kernel).launch(Cuda.grid(blocks), Cuda.block(threads), (Object[]) args);
  }


  /**
   * Counts a CUDA C kernel's memory traffic on the emulator's profiler at the given sizes (random inputs, fresh
   * seed): the notebook shows its source with a bar per line and a lower bound for the RTX 4090 from the counts
   * (a bound from counted traffic, never a measurement).
   */
  public static SourceProfile profile(String kernel, int... sizes) {
    return NotebookSession.current().cuda().profile(kernel, sizes);
  }

  /**
   * The RTX 4090's FP32 roofline with the trials' problems placed on it: the fastest the GPU could run
   * each (a bound from the spec sheet; CPU timings are never drawn on it). Shows as a PNG.
   */
  public static BufferedImage roofline(TrialResult... trials) {
    return RooflineChart.image(
        AdaGpus.RTX_4090, Precision.FP32, Arrays.stream(trials).map(TrialResult::kernelCase).toList());
  }

  /** A check's error map by tile, as a PNG: where a kernel went wrong at a glance. */
  public static BufferedImage errorMap(TrialResult trial) {
    return BitmapEncoder.getBufferedImage(ErrorMapChart.chart(trial.check()));
  }

  /**
   * Runs a lesson kernel at several sizes, one trial each, with a progress line that updates in place while
   * it works; shows as one timing table.
   */
  public static TrialTable sweep(String kernel, int[]... sizes) {
    long seed = RandomInputs.newSeed();
    NotebookProgress progress = NotebookProgress.start(kernel + " sweep", sizes.length);
    List<TrialResult> results = new ArrayList<>();
    for (int[] size : sizes) {
      results.add(run(kernel, seed, size));
      progress.step(Arrays.toString(size));
    }
    return new TrialTable(results);
  }

  /** The same with a chosen seed, to replay a run. */
  public static TrialResult run(String kernel, long seed, int... sizes) {
    JavaKernels.Entry entry = JavaKernels.require(kernel);
    return Trial.run(entry.create(sizes, seed, device()), new BenchConfig(2, 5), CacheFlush.NONE);
  }
}
