package dev.kernelplayground.notebook;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDevices;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.device.DeviceDiscovery;
import dev.kernelplayground.kernels.JavaKernels;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.util.stream.Collectors;

/**
 * The lesson API a notebook cell calls without an import: pick where Java kernels run, and run a lesson
 * kernel with its check and timing. What a cell returns is shown by the notebook (a trial as an HTML
 * report).
 */
public final class Playground {
  private static volatile AparapiDevice device;

  private Playground() {}

  /** The device Java kernels run on: the one chosen with {@link #use}, else the first OpenCL device, else JTP. */
  public static AparapiDevice device() {
    AparapiDevice chosen = device;
    if (chosen == null) {
      chosen = AparapiDevices.openCl().isEmpty() ? AparapiDevices.byId(AparapiDevices.JTP) : AparapiDevices.openCl().get(0);
      device = chosen;
    }
    return chosen;
  }

  /** What this machine can run on, one line per backend: the same facts as {@code kp devices}. */
  public static String thisMachine() {
    return DeviceDiscovery.discover().stream()
        .map(s -> String.format("%-8s %s%s", s.backend().id(), s.found() ? "" : "— ", s.detail()))
        .collect(Collectors.joining("\n"));
  }

  /** Chooses where Java kernels run: {@code opencl:N} or {@code jtp}. */
  public static AparapiDevice use(String id) {
    device = AparapiDevices.byId(id);
    return device;
  }

  /** The devices Java kernels can run on, one line each, the current one marked. */
  public static String devices() {
    AparapiDevice current = device();
    return AparapiDevices.list().stream()
        .map(d -> (d.equals(current) ? "* " : "  ") + d.describe())
        .collect(Collectors.joining("\n"));
  }

  /**
   * Runs a lesson kernel ({@code kp run --list} names them) at the given sizes on the current device:
   * checked against its float64 reference with a fresh seed, timed, re-checked.
   */
  public static TrialResult run(String kernel, int... sizes) {
    return run(kernel, RandomInputs.newSeed(), sizes);
  }

  /** The same with a chosen seed, to replay a run. */
  public static TrialResult run(String kernel, long seed, int... sizes) {
    JavaKernels.Entry entry =
        JavaKernels.find(kernel)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown kernel '" + kernel + "'; the kernels are: "
                            + JavaKernels.all().stream().map(JavaKernels.Entry::name).collect(Collectors.joining(", "))));
    return Trial.run(entry.create(sizes, seed, device()), new BenchConfig(2, 5), CacheFlush.NONE);
  }
}
