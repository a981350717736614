package dev.kernelplayground.report;

import dev.kernelplayground.ada.TrafficBound.Limiter;
import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.LineCounts;
import dev.kernelplayground.profile.Progression;
import java.util.Locale;

/** A family's versions side by side ({@code kp bench --profile}): counts, bound terms and the binding one. */
public final class ProgressionText {
  private ProgressionText() {}

  public static String of(Progression p) {
    var gpu = p.gpu();
    String table = TextTable.of(p.versions())
        .left("version", Progression.Version::version)
        .right("global ld sectors/req", v -> perRequest(v.total(AccessOp.GLOBAL_LOAD), false))
        .right("global st sectors/req", v -> perRequest(v.total(AccessOp.GLOBAL_STORE), false))
        .right("shared ld wavefronts/req", v -> perRequest(v.total(AccessOp.SHARED_LOAD), true))
        .right("L1 lines", v -> String.format(Locale.ROOT, "%,d", v.total(AccessOp.GLOBAL_LOAD).l1Lines()
            + v.total(AccessOp.GLOBAL_STORE).l1Lines() + v.total(AccessOp.ATOMIC).l1Lines()))
        .right("wavefronts", v -> String.format(Locale.ROOT, "%,d", v.total(AccessOp.SHARED_LOAD).wavefronts()
            + v.total(AccessOp.SHARED_STORE).wavefronts()))
        .right("dram", v -> Units.seconds(v.term(gpu, Limiter.DRAM)))
        .right("l1", v -> Units.seconds(v.term(gpu, Limiter.L1)))
        .right("shared", v -> Units.seconds(v.term(gpu, Limiter.SHARED)))
        .right("fp32", v -> Units.seconds(v.term(gpu, Limiter.FP32)))
        .right("tensor", v -> Units.seconds(v.term(gpu, Limiter.TENSOR)))
        .right("bound", v -> Units.seconds(v.boundSeconds(gpu)))
        .left("limiter", v -> v.limiters(gpu))
        .text();
    return p.family() + " at " + p.size() + ": counts on the emulator and, for the " + gpu.name()
        + ", a lower bound from counted traffic (not a measurement)\n" + table + "\n";
  }

  private static String perRequest(LineCounts t, boolean shared) {
    if (t.requests() == 0) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2f", shared ? t.wavefrontsPerRequest() : t.sectorsPerRequest());
  }
}
