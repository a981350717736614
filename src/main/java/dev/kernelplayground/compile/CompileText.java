package dev.kernelplayground.compile;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.LaunchDims;
import dev.kernelplayground.cudasource.LaunchSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A compile result in words, as {@code kp compile FILE} and a notebook's {@code %%cuda} cell show it: per
 * kernel its resources, its launch at the given sizes, its occupancy on one RTX 4090 SM and the hint.
 */
public final class CompileText {
  private CompileText() {}

  /**
   * @param source the parsed file, or null for a file without a {@code @kp} header (resources only)
   * @param sizes the problem sizes the launch is evaluated at
   * @param sm89 whether the result is for sm_89, the only architecture the occupancy calculator knows
   */
  public static String describe(Path file, KernelSource source, CompileResult r, Map<String, Integer> sizes, boolean sm89) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s%s: %s for %s in %.2f s, PTX ISA %s%n", file,
        source == null ? "" : " (check: " + source.header().check().label() + ")",
        r.fromCache() ? "from the PTX cache, compiled" : "compiled", r.arch(), r.compileTime().toNanos() / 1e9,
        r.ptxVersion()));
    r.warnings().forEach(w -> out.append("  ").append(w.render().replace("\n", "\n  ")).append('\n'));
    if (source == null) {
      for (ResourceReport report : r.kernels()) {
        out.append("  ").append(report.kernelName()).append(":\n");
        out.append("    resources: ").append(report.summary()).append('\n');
      }
      out.append("  (no '// @kp' header, so no launch and no occupancy; docs/kernels.md shows the header)\n");
      return out.toString();
    }
    for (LaunchSpec launch : source.header().launches()) {
      ResourceReport report = r.kernel(launch.kernelName()).orElse(null);
      out.append("  ").append(launch.kernelName()).append(":\n");
      if (report == null) {
        out.append("    ptxas reported nothing for it (is it a template that is never instantiated?)\n");
        continue;
      }
      out.append("    resources: ").append(report.summary()).append('\n');
      LaunchDims dims = launch.evaluate(sizes);
      out.append("    launch at ").append(sizesText(sizes)).append(": ").append(dims).append('\n');
      if (!sm89) {
        out.append("    occupancy: known for sm_89 only\n");
        continue;
      }
      KernelOccupancy occ = KernelOccupancy.of(SmLimits.SM_89, report, dims);
      out.append("    occupancy on one ").append(AdaGpus.RTX_4090.name()).append(" SM: ").append(occupancyText(occ)).append('\n');
      out.append("    hint: ").append(occ.hint()).append('\n');
    }
    return out.toString();
  }

  private static String occupancyText(KernelOccupancy occ) {
    var res = occ.result();
    if (!res.launchable()) {
      return "cannot launch: " + res.problem();
    }
    return String.format(Locale.ROOT, "%d blocks × %d warps = %d of %d warps (%.1f%%), bound by %s",
        res.blocksPerSm(), res.warpsPerBlock(), res.activeWarpsPerSm(), res.maxWarpsPerSm(),
        res.occupancyPercent(), res.limitersInWords());
  }

  private static String sizesText(Map<String, Integer> sizes) {
    return sizes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
