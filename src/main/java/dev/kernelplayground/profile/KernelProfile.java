package dev.kernelplayground.profile;

import dev.kernelplayground.ada.Traffic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the emulator counted for one kernel launch (or several launches of one kernel, added up): per source line
 * and op, and over the launch the unique 32-byte sectors read and written (the compulsory DRAM traffic) and the
 * tensor-core arithmetic of WMMA.
 *
 * @param kernel the kernel's name
 * @param lines per line and op, most costly first
 * @param uniqueSectorsRead distinct 32-byte sectors of the kernel's buffers read at least once
 * @param uniqueSectorsWritten distinct sectors written at least once
 * @param tensorFlopsFp16Acc WMMA FLOPs accumulating in fp16
 * @param tensorFlopsFp32Acc WMMA FLOPs accumulating in fp32
 * @param blocks thread blocks in the launch
 * @param fp32Flops the FP32 arithmetic of the problem the kernel solves (0 when there is none to ask)
 */
public record KernelProfile(
    String kernel, List<LineCounts> lines, long uniqueSectorsRead, long uniqueSectorsWritten, long tensorFlopsFp16Acc,
    long tensorFlopsFp32Acc, long blocks, double fp32Flops) {

  public KernelProfile {
    lines = lines.stream().sorted(Comparator.comparingLong(LineCounts::cost).reversed()
        .thenComparingInt(LineCounts::line)).toList();
  }

  /** The same counts with the problem's FP32 arithmetic (FLOPs a GPU must do, from the bound problem). */
  public KernelProfile withFp32Flops(double flops) {
    return new KernelProfile(kernel, lines, uniqueSectorsRead, uniqueSectorsWritten, tensorFlopsFp16Acc,
        tensorFlopsFp32Acc, blocks, flops);
  }

  /** All lines of one op added up (an empty line when the kernel has none). */
  public LineCounts total(AccessOp op) {
    LineCounts sum = new LineCounts("", 0, "", op, 0, 0, 0, 0, 0, 0);
    for (LineCounts l : lines) {
      if (l.op() == op) {
        sum = sum.plus(l);
      }
    }
    return sum;
  }

  /** Bytes that must come from or go to DRAM at least once: unique sectors read and written, 32 bytes each. */
  public long compulsoryDramBytes() {
    return 32 * (uniqueSectorsRead + uniqueSectorsWritten);
  }

  /** The counts the RTX 4090 lower bound is computed from. */
  public Traffic traffic() {
    long l1 = 0;
    long shared = 0;
    for (LineCounts l : lines) {
      if (l.op().shared()) {
        shared += l.wavefronts();
      } else {
        l1 += l.l1Lines();
      }
    }
    return new Traffic(compulsoryDramBytes(), l1, shared, fp32Flops, tensorFlopsFp16Acc, tensorFlopsFp32Acc, blocks);
  }

  /** Several launches of kernels, added up per kernel name (attention's naive version launches three). */
  public static List<KernelProfile> merged(List<KernelProfile> launches) {
    Map<String, KernelProfile> byName = new LinkedHashMap<>();
    for (KernelProfile p : launches) {
      byName.merge(p.kernel(), p, KernelProfile::plus);
    }
    return new ArrayList<>(byName.values());
  }

  private KernelProfile plus(KernelProfile o) {
    Map<String, LineCounts> sum = new LinkedHashMap<>();
    for (LineCounts l : lines) {
      sum.put(l.file() + ":" + l.line() + ":" + l.op(), l);
    }
    for (LineCounts l : o.lines) {
      sum.merge(l.file() + ":" + l.line() + ":" + l.op(), l, LineCounts::plus);
    }
    return new KernelProfile(kernel, new ArrayList<>(sum.values()), uniqueSectorsRead + o.uniqueSectorsRead,
        uniqueSectorsWritten + o.uniqueSectorsWritten, tensorFlopsFp16Acc + o.tensorFlopsFp16Acc,
        tensorFlopsFp32Acc + o.tensorFlopsFp32Acc, blocks + o.blocks, fp32Flops + o.fp32Flops);
  }

  /** Per-line counts of one source line and op merged (two access sites on one line, e.g. an unrolled loop). */
  public static List<LineCounts> byLine(List<LineCounts> sites) {
    Map<String, LineCounts> sum = new LinkedHashMap<>();
    for (LineCounts l : sites) {
      sum.merge(l.file() + ":" + l.line() + ":" + l.op(), l, LineCounts::plus);
    }
    return new ArrayList<>(sum.values());
  }
}
