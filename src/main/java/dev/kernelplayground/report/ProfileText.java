package dev.kernelplayground.report;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.TrafficBound;
import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The profiler's report for the terminal: per source line the counted warp-level traffic, most costly first, the
 * totals, and the lower bound they give on a GPU, labelled as such.
 */
public final class ProfileText {
  private ProfileText() {}

  public static String of(KernelProfile p, GpuSpec gpu) {
    StringBuilder out = new StringBuilder();
    out.append("Memory traffic of ").append(p.kernel()).append(" as the emulator counted it (per warp-level request):\n");
    long totalCost = p.lines().stream().mapToLong(LineCounts::cost).sum();
    out.append(TextTable.of(p.lines())
        .right("line", l -> l.line() == 0 ? "?" : Integer.toString(l.line()))
        .left("source", 48, LineCounts::source)
        .left("op", l -> l.op().key())
        .right("requests", l -> String.format(Locale.ROOT, "%,d", l.requests()))
        .right("sectors/req", l -> l.op().shared() ? "" : String.format(Locale.ROOT, "%.1f", l.sectorsPerRequest()))
        .right("wavefronts/req", l -> l.op().shared() ? String.format(Locale.ROOT, "%.1f", l.wavefrontsPerRequest()) : "")
        .right("efficiency", l -> String.format(Locale.ROOT, "%.0f%%", l.efficiencyPercent()))
        .right("share", l -> totalCost == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * l.cost() / totalCost))
        .text()).append('\n');
    out.append(totals(p)).append('\n');
    out.append(bound(p, gpu));
    return out.toString();
  }

  /** The totals per op and the compulsory DRAM traffic, one line each. */
  public static String totals(KernelProfile p) {
    StringBuilder out = new StringBuilder("Totals:\n");
    for (AccessOp op : AccessOp.values()) {
      LineCounts t = p.total(op);
      if (t.requests() == 0) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "  %-13s %,14d requests  %s  %s requested%n", op.key(), t.requests(),
          op.shared()
              ? String.format(Locale.ROOT, "%,14d wavefronts (%.2f per request)", t.wavefronts(), t.wavefrontsPerRequest())
              : String.format(Locale.ROOT, "%,14d sectors (%.2f per request)", t.sectors(), t.sectorsPerRequest()),
          Units.bytes(t.bytes())));
    }
    out.append(String.format(Locale.ROOT, "  unique sectors: %,d read, %,d written: %s of compulsory DRAM traffic%n",
        p.uniqueSectorsRead(), p.uniqueSectorsWritten(), Units.bytes(p.compulsoryDramBytes())));
    if (p.tensorFlopsFp16Acc() + p.tensorFlopsFp32Acc() > 0) {
      out.append(String.format(Locale.ROOT, "  tensor-core (WMMA) FLOPs: %,d%n", p.tensorFlopsFp16Acc() + p.tensorFlopsFp32Acc()));
    }
    return out.toString();
  }

  /** "On the GeForce RTX 4090, a lower bound from counted traffic: 12.3 µs (shared); dram 3.1 µs, ..." */
  public static String bound(KernelProfile p, GpuSpec gpu) {
    TrafficBound.Result b = TrafficBound.of(p.traffic(), gpu);
    List<String> others = new ArrayList<>();
    for (Map.Entry<TrafficBound.Limiter, Double> e : b.terms().entrySet()) {
      others.add(e.getKey().key() + " " + Units.seconds(e.getValue()));
    }
    return String.format(Locale.ROOT,
        "On the %s, a lower bound from counted traffic (not a measurement): %s, limited by %s%n  terms: %s%n"
            + "  (%d of its %d SMs can hold the launch's %,d blocks;%n"
            + "  fp32 is the bound problem's FLOPs less the tensor cores', %s)%n",
        gpu.name(), Units.seconds(b.seconds()), b.limiter().key(), String.join(", ", others), b.activeSms(),
        gpu.smCount(), p.blocks(), String.format(Locale.ROOT, "%.3g", p.fp32Flops()));
  }
}
