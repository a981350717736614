package dev.kernelplayground.cli;

import dev.kernelplayground.ada.LaunchConfig;
import dev.kernelplayground.ada.Occupancy;
import dev.kernelplayground.ada.OccupancyAdvice;
import dev.kernelplayground.ada.OccupancyLimiter;
import dev.kernelplayground.ada.OccupancyResult;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code kp occupancy}: how many blocks of a kernel fit on one sm_89 SM, what binds, and what would help. */
@Command(
    name = "occupancy",
    description = {
      "Occupancy of a kernel on an Ada SM (compute capability 8.9), computed as cuda_occupancy.h does:",
      "blocks per SM, active warps, the limit that binds, and what would raise it.",
      "Registers and static shared memory are what 'nvcc -Xptxas -v' prints for the kernel."
    })
public final class OccupancyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-t", "--threads"}, required = true, paramLabel = "N", description = "Threads per block.")
  int threads;

  @Option(names = {"-r", "--registers"}, required = true, paramLabel = "N", description = "Registers per thread.")
  int registers;

  @Option(
      names = {"-s", "--shared"},
      defaultValue = "0",
      paramLabel = "BYTES",
      converter = ByteSize.class,
      description = "Static shared memory per block, in bytes (suffix K for KiB, e.g. 48K). Default: 0.")
  int staticShared;

  @Option(
      names = {"-d", "--dynamic-shared"},
      defaultValue = "0",
      paramLabel = "BYTES",
      converter = ByteSize.class,
      description = "Dynamic shared memory per block (the third <<<...>>> argument). Default: 0.")
  int dynamicShared;

  @Option(
      names = "--opt-in",
      description = "The kernel opted in to more than 48 KB with cudaFuncSetAttribute(..., "
          + "cudaFuncAttributeMaxDynamicSharedMemorySize, ...): up to 99 KB per block.")
  boolean optIn;

  @Option(
      names = "--carveout",
      paramLabel = "PERCENT",
      defaultValue = "-1",
      description = "Preferred shared-memory carveout in percent of 100 KB (cudaFuncAttributePreferredSharedMemoryCarveout); "
          + "default: the driver's choice.")
  int carveout;

  @Override
  public Integer call() {
    LaunchConfig launch;
    try {
      launch = new LaunchConfig(threads, registers, staticShared, dynamicShared, optIn, carveout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid launch: " + e.getMessage());
    }
    SmLimits sm = SmLimits.SM_89;
    OccupancyResult r = Occupancy.of(sm, launch);
    PrintWriter out = spec.commandLine().getOut();
    out.println(String.format(Locale.ROOT,
        "Occupancy on one SM of compute capability %s (RTX 4090): %d threads, %d registers/thread, "
            + "%,d B static + %,d B dynamic shared memory%s",
        sm.computeCapability(), threads, registers, staticShared, dynamicShared, optIn ? " (opt-in)" : ""));
    out.println(summaryTable(r));
    out.println(limitsTable(r));
    out.println("Calculation (as in cuda_occupancy.h):");
    for (String line : r.explanation().split("\n")) {
      out.println("  " + line);
    }
    out.println("Hint: " + OccupancyAdvice.hint(r));
    out.flush();
    return 0;
  }

  private static String summaryTable(OccupancyResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Blocks per SM", String.valueOf(r.blocksPerSm())});
    rows.add(new String[] {"Active warps per SM", r.activeWarpsPerSm() + " of " + r.maxWarpsPerSm()});
    rows.add(new String[] {"Occupancy", String.format(Locale.ROOT, "%.1f%%", r.occupancyPercent())});
    rows.add(new String[] {"Binding limit", r.launchable() ? r.limitersInWords() : "cannot launch: " + r.limitersInWords()});
    rows.add(new String[] {"Registers per block", String.format(Locale.ROOT, "%,d", r.allocatedRegistersPerBlock())});
    rows.add(new String[] {"Shared memory per block",
        String.format(Locale.ROOT, "%,d B (incl. %,d B reserved)", r.allocatedSharedBytesPerBlock(),
            r.limits().reservedSharedPerBlockBytes())});
    rows.add(new String[] {"Shared memory per SM", String.format(Locale.ROOT, "%,d B", r.sharedBytesPerSm())});
    return TextTable.cells(rows, "Result", "Value");
  }

  private static String limitsTable(OccupancyResult r) {
    List<String[]> rows = new ArrayList<>();
    for (OccupancyLimiter limiter : OccupancyLimiter.values()) {
      int blocks = r.blocksLimitedBy(limiter);
      rows.add(new String[] {
        limiter.label(),
        blocks == Integer.MAX_VALUE ? "no limit" : String.valueOf(blocks),
        r.boundBy(limiter) ? "binds" : ""
      });
    }
    return TextTable.cells(rows, "Limit", "Blocks per SM", "");
  }

  /** Bytes as a whole number with an optional K / KB / KiB suffix (1024 bytes). */
  public static final class ByteSize implements ITypeConverter<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(k|kb|kib)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Integer convert(String value) {
      Matcher m = SIZE.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a byte count (e.g. 8192 or 8K)");
      }
      long bytes;
      try {
        bytes = Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : 1024);
      } catch (NumberFormatException e) {
        bytes = Long.MAX_VALUE;
      }
      if (bytes > Integer.MAX_VALUE) {
        throw new TypeConversionException("'" + value + "' is too large");
      }
      return (int) bytes;
    }
  }
}
