package dev.kernelplayground.gpuopencl;

import com.google.gson.JsonObject;
import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.bench.BenchConfig;
import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.lessonkernels.JavaKernels;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.process.ChildRows;
import dev.kernelplayground.run.Trial;
import dev.kernelplayground.run.TrialResult;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The child JVM's side of {@link JavaKernelsOnOpenCl}, started with the ICD loader pointed at one vendor: picks
 * the first OpenCL device whose platform's vendor contains the given text, and runs every Java lesson kernel
 * (or the ones named) there at its family's OpenCL test shapes (odd sizes, fresh seeds), each checked against
 * its float64 reference, timed (wall clock, Aparapi's copies included) and re-checked. Prints the rows as JSON
 * lines ({@link ChildRows}'s protocol); exit status {@value ChildRows#NOT_RUN} when there is no such device.
 *
 * <p>Usage: {@code java -cp kp.jar dev.kernelplayground.gpuopencl.OpenClLessonRun VENDOR [KERNEL...]}
 */
public final class OpenClLessonRun {
  private static final BenchConfig BENCH = new BenchConfig(1, 3);

  private OpenClLessonRun() {}

  public static void main(String[] args) {
    PrintStream rows = System.out;
    System.setOut(System.err); // only the rows go to stdout, whatever the libraries print
    String vendor = args[0];
    List<String> only = Arrays.asList(args).subList(1, args.length);
    List<AparapiDevice> devices = AparapiDeviceList.openCl();
    AparapiDevice device = devices.stream()
        .filter(d -> d.vendor().toLowerCase(Locale.ROOT).contains(vendor.toLowerCase(Locale.ROOT)))
        .findFirst().orElse(null);
    if (device == null) {
      rows.println("the OpenCL ICD loader offers no " + vendor + " device (it offers "
          + (devices.isEmpty() ? "none" : devices.stream().map(d -> d.name() + " from " + d.vendor())
              .collect(Collectors.joining(", "))) + ")");
      rows.flush();
      System.exit(ChildRows.NOT_RUN);
    }
    JsonObject header = new JsonObject();
    header.addProperty("device", device.name());
    header.addProperty("vendor", device.vendor());
    rows.println(header);
    for (JavaKernels.Entry entry : JavaKernels.all()) {
      if (!only.isEmpty() && !only.contains(entry.name())) {
        continue;
      }
      for (int[] sizes : entry.family().tests().openCl()) {
        rows.println(run(entry, sizes, device));
        rows.flush();
      }
    }
    System.exit(0); // Aparapi's threads would keep the JVM alive
  }

  private static JsonObject run(JavaKernels.Entry entry, int[] sizes, AparapiDevice device) {
    long seed = RandomInputs.newSeed();
    JsonObject row = new JsonObject();
    row.addProperty("kernel", entry.name());
    row.addProperty("size", Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("×")));
    row.addProperty("seed", seed);
    try {
      TrialResult r = Trial.run(entry.create(sizes, seed, device), BENCH, CacheFlush.NONE);
      boolean there = r.check().target().backend() == Backend.OPENCL && r.check().target().device().equals(device.name());
      row.addProperty("passed", r.passed() && there);
      row.addProperty("max_rel_error", r.check().maxRelError());
      row.addProperty("ran_on", r.check().target().label());
      if (r.timing() != null) {
        row.addProperty("median_ms", r.timing().median() * 1e3);
      }
      if (!there) {
        row.addProperty("error", "ran on " + r.check().target().label() + ", not on " + device.name());
      } else if (!r.passed()) {
        var failed = r.check().passed() ? r.recheck() : r.check();
        row.addProperty("error", failed.stage() + ": " + String.join("; ", failed.findings()));
      }
    } catch (RuntimeException e) {
      row.addProperty("passed", false);
      row.addProperty("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return row;
  }
}
