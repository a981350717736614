package dev.kernelplayground.gpuopencl;

import com.google.gson.JsonObject;
import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.ChildRows;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java lesson kernels on a vendor's OpenCL (NVIDIA's on a GPU machine), for the GPU report: prepares the
 * ICD loader ({@link IcdVendors}), runs {@link OpenClLessonRun} in a child JVM with that environment — the
 * loader reads it once, when the process first asks for platforms, and a crash in a vendor's compiler takes
 * only the child with it — and reads its rows back. Without the vendor's library (or an ICD loader) it says
 * why not, naming where it looked.
 */
public final class JavaKernelsOnOpenCl {
  private static final Duration LIMIT = Duration.ofMinutes(4);
  /** What the header's "icd" entry is called: how the loader was pointed at the library. */
  public static final String ICD = "icd";

  /**
   * One lesson kernel at one shape.
   *
   * @param medianMs the median wall-clock time of the timed runs, Aparapi's copies included; NaN when not timed
   * @param error why it did not pass (a finding, an exception, the device it really ran on); null when it passed
   */
  public record Row(String kernel, String size, long seed, boolean passed, double maxRelError, double medianMs,
      String ranOn, String error) implements ChildRows.Checked {}

  private JavaKernelsOnOpenCl() {}

  /** Every Java lesson kernel on {@code vendor}'s OpenCL device on this machine. */
  public static ChildRows<Row> run(IcdVendors.Vendor vendor) {
    try (IcdVendors.Setup setup = IcdVendors.prepare(vendor)) {
      return run(setup, vendor, List.of());
    }
  }

  /** The kernels named in {@code only} (all when empty) in a child JVM with {@code setup}'s environment. */
  static ChildRows<Row> run(IcdVendors.Setup setup, IcdVendors.Vendor vendor, List<String> only) {
    if (!setup.ready()) {
      return ChildRows.notRun(setup.missing());
    }
    List<String> arguments = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), OpenClLessonRun.class.getName(),
        vendor.platformVendor()));
    arguments.addAll(only);
    ChildProcess.Result r;
    try {
      r = ChildProcess.ofJava(arguments).env(setup.env()).timeout(LIMIT).run();
    } catch (IOException e) {
      return ChildRows.failed("could not start a JVM for the OpenCL run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ChildRows.failed("interrupted");
    }
    ChildRows<Row> rows = ChildRows.parse("the OpenCL child JVM", r, LIMIT, JavaKernelsOnOpenCl::row);
    if (rows.notRun() != null) {
      return ChildRows.notRun(rows.notRun() + "; the ICD loader was given " + setup.how());
    }
    Map<String, String> header = new LinkedHashMap<>(rows.header());
    header.put(ICD, setup.how());
    return new ChildRows<>(header, rows.rows(), null, rows.failed());
  }

  private static Row row(JsonObject o) {
    return new Row(o.get("kernel").getAsString(), o.get("size").getAsString(), o.get("seed").getAsLong(),
        o.get("passed").getAsBoolean(), o.has("max_rel_error") ? o.get("max_rel_error").getAsDouble() : Double.NaN,
        o.has("median_ms") ? o.get("median_ms").getAsDouble() : Double.NaN,
        o.has("ran_on") ? o.get("ran_on").getAsString() : null, o.has("error") ? o.get("error").getAsString() : null);
  }
}
