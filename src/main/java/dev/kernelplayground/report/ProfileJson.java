package dev.kernelplayground.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.TrafficBound;
import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import java.util.List;
import java.util.Map;

/**
 * The profile as JSON ({@code --profile-json FILE}):
 * {@code {"kernels":[{"kernel":NAME,"lines":[{"file":F,"line":N,"op":"global_load|global_store|shared_load|
 * shared_store|atomic","requests":R,"sectors":S,"wavefronts":W,"bytes":B}],"totals":{...},"bound":{"seconds":T,
 * "limiter":"dram|l1|shared|fp32|tensor","terms":{...}}}]}}, with a few more keys (the source text, L1 lines,
 * the GPU and what the bound is).
 */
public final class ProfileJson {
  private ProfileJson() {}

  public static String of(List<KernelProfile> profiles, GpuSpec gpu) {
    JsonArray kernels = new JsonArray();
    for (KernelProfile p : profiles) {
      kernels.add(kernel(p, gpu));
    }
    JsonObject root = new JsonObject();
    root.add("kernels", kernels);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonObject kernel(KernelProfile p, GpuSpec gpu) {
    JsonObject k = new JsonObject();
    k.addProperty("kernel", p.kernel());
    JsonArray lines = new JsonArray();
    for (LineCounts l : p.lines()) {
      JsonObject line = new JsonObject();
      line.addProperty("file", l.file());
      line.addProperty("line", l.line());
      line.addProperty("op", l.op().key());
      line.addProperty("requests", l.requests());
      if (l.op().shared()) {
        line.addProperty("wavefronts", l.wavefronts());
      } else {
        line.addProperty("sectors", l.sectors());
        line.addProperty("l1_lines", l.l1Lines());
      }
      line.addProperty("bytes", l.bytes());
      line.addProperty("source", l.source());
      lines.add(line);
    }
    k.add("lines", lines);
    JsonObject totals = new JsonObject();
    for (AccessOp op : AccessOp.values()) {
      LineCounts t = p.total(op);
      JsonObject o = new JsonObject();
      o.addProperty("requests", t.requests());
      o.addProperty(op.shared() ? "wavefronts" : "sectors", op.shared() ? t.wavefronts() : t.sectors());
      o.addProperty("bytes", t.bytes());
      totals.add(op.key(), o);
    }
    totals.addProperty("unique_sectors_read", p.uniqueSectorsRead());
    totals.addProperty("unique_sectors_written", p.uniqueSectorsWritten());
    totals.addProperty("compulsory_dram_bytes", p.compulsoryDramBytes());
    totals.addProperty("tensor_flops", p.tensorFlopsFp16Acc() + p.tensorFlopsFp32Acc());
    totals.addProperty("fp32_flops", p.fp32Flops());
    totals.addProperty("blocks", p.blocks());
    k.add("totals", totals);
    TrafficBound.Result b = TrafficBound.of(p.traffic(), gpu);
    JsonObject bound = new JsonObject();
    bound.addProperty("seconds", b.seconds());
    bound.addProperty("limiter", b.limiter().key());
    JsonObject terms = new JsonObject();
    for (Map.Entry<TrafficBound.Limiter, Double> e : b.terms().entrySet()) {
      terms.addProperty(e.getKey().key(), e.getValue());
    }
    bound.add("terms", terms);
    bound.addProperty("gpu", gpu.name());
    bound.addProperty("active_sms", b.activeSms());
    bound.addProperty("what", "a lower bound from counted traffic, not a measurement");
    k.add("bound", bound);
    return k;
  }
}
