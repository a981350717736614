package dev.kernelplayground.picture;

import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.picture.Pen.Align;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;

/**
 * An Ada GPU from the registers to DRAM, every number from its {@link GpuSpec} and the SM's {@link SmLimits}: the
 * chip's SMs as a grid, one SM opened up (its partitions, each with a warp scheduler, FP32 lanes, a tensor core and
 * a slice of the register file; the unified L1 / shared memory), the L2 all SMs share, and DRAM with its
 * bandwidth. A ladder on the right compares the capacity of each level summed over the chip, on a log scale.
 */
public record HierarchyPicture(GpuSpec gpu, SmLimits sm) implements Picture {
  static final Color SM = new Color(0x76, 0xb9, 0x00);
  static final Color REGISTERS = new Color(0xe1, 0x57, 0x59);
  static final Color SHARED = new Color(0xf2, 0x8e, 0x2b);
  static final Color L2 = new Color(0x4e, 0x79, 0xa7);
  static final Color DRAM = new Color(0x76, 0x4e, 0xa7);
  private static final double KB = 1024, MB = 1024 * KB, GB = 1e9;

  /** One level of the hierarchy: its name, capacity in bytes over the whole chip, and the note under it. */
  public record Level(String name, double chipBytes, String note, Color color) {}

  /** FP32 lanes in one SM: {@code fp32Lanes / smCount} (128 on Ada). */
  public int lanesPerSm() {
    return gpu.fp32Lanes() / gpu.smCount();
  }

  /** Register file of one SM in bytes (32-bit registers). */
  public long registerBytesPerSm() {
    return 4L * sm.registersPerSm();
  }

  /** The levels, fastest first, with their capacity summed over the chip. */
  public List<Level> levels() {
    return List.of(
        new Level("registers", (double) registerBytesPerSm() * gpu.smCount(),
            kib(registerBytesPerSm()) + " per SM × " + gpu.smCount(), REGISTERS),
        new Level("L1 / shared", (double) sm.l1AndSharedPerSmBytes() * gpu.smCount(),
            kib(sm.l1AndSharedPerSmBytes()) + " per SM × " + gpu.smCount(), SHARED),
        new Level("L2", gpu.l2CacheMB() * MB, "one cache for all SMs", L2),
        new Level("DRAM", gpu.memoryGB() * GB,
            String.format(Locale.ROOT, "%s, %,.0f GB/s", gpu.memoryType(), gpu.memoryBandwidthGBps()), DRAM));
  }

  @Override
  public int width() {
    return 980;
  }

  @Override
  public int height() {
    return 545;
  }

  @Override
  public void draw(Graphics2D g) {
    Pen pen = new Pen(g);
    pen.fill(0, 0, width(), height(), Pen.PAPER);
    pen.text(String.format("%s (%s, compute capability %s): where the data lives", gpu.name(), gpu.chip(),
        sm.computeCapability()), 14, 24, 16, true, Pen.INK, Align.LEFT);
    pen.text(String.format(Locale.ROOT, "%d SMs × %d FP32 lanes × 2 FLOP × %.2f GHz = %.1f TFLOP/s FP32; DRAM %,.0f GB/s",
        gpu.smCount(), lanesPerSm(), gpu.boostClockGhz(), gpu.fp32TflopsFromClock(), gpu.memoryBandwidthGBps()),
        14, 44, 12, false, Pen.MUTED, Align.LEFT);
    double[] zoomed = drawChip(pen, 14, 66, 250, 300);
    drawSm(pen, 300, 66, 380, 300, zoomed);
    drawSharedLevels(pen, 14, 392, 666);
    drawLadder(pen, 710, 66, 256);
  }

  /** The SMs as a grid; returns the position of the first one, which the next panel opens up. */
  private double[] drawChip(Pen pen, double x, double y, double w, double h) {
    int count = gpu.smCount();
    int cols = count >= 64 ? 16 : (int) Math.ceil(Math.sqrt(count * 1.5));
    int rows = (count + cols - 1) / cols;
    double cell = Math.min((w - 4) / cols, (h - 44) / rows);
    pen.text(count + " SMs (" + gpu.chipSmCount() + " on a full " + gpu.chip() + ")", x, y + 14, 13, true, Pen.INK, Align.LEFT);
    double top = y + 24;
    for (int i = 0; i < count; i++) {
      double cx = x + (i % cols) * cell, cy = top + (i / cols) * cell;
      pen.fill(cx + 1, cy + 1, cell - 2, cell - 2, i == 0 ? SM.darker() : SM);
    }
    pen.text(String.format(Locale.ROOT, "%,d FP32 lanes, %d tensor cores", gpu.fp32Lanes(), gpu.tensorCores()),
        x, top + rows * cell + 18, 11, false, Pen.MUTED, Align.LEFT);
    return new double[] {x + cell, top, top + cell};
  }

  /** One SM opened up: its partitions, then its L1 / shared memory. */
  private void drawSm(Pen pen, double x, double y, double w, double h, double[] zoomed) {
    pen.line(zoomed[0], zoomed[1], x, y + 20, Pen.MUTED, 0.8f);
    pen.line(zoomed[0], zoomed[2], x, y + h, Pen.MUTED, 0.8f);
    pen.fill(x, y + 20, w, h - 20, new Color(0xf4, 0xf9, 0xec));
    pen.outline(x, y + 20, w, h - 20, SM.darker(), 1.5f);
    pen.text(String.format(Locale.ROOT, "one SM: up to %d warps (%,d threads) resident", sm.maxWarpsPerSm(),
        sm.maxThreadsPerSm()), x, y + 14, 13, true, Pen.INK, Align.LEFT);
    int parts = sm.subPartitions();
    double pw = (w - 10 - (parts - 1) * 6) / parts, ph = 170;
    for (int p = 0; p < parts; p++) {
      double px = x + 5 + p * (pw + 6), py = y + 26;
      pen.fill(px, py, pw, ph, Pen.PAPER);
      pen.outline(px, py, pw, ph, Pen.GRID, 1f);
      pen.centred("partition " + p, px, py + 2, pw, 16, 11, true, Pen.INK);
      pen.centred("warp scheduler", px + 4, py + 20, pw - 8, 18, 10, false, Pen.INK);
      pen.outline(px + 4, py + 20, pw - 8, 18, Pen.GRID, 0.8f);
      drawLanes(pen, px + 4, py + 44, pw - 8, lanesPerSm() / parts);
      pen.centred((lanesPerSm() / parts) + " FP32 lanes", px, py + 84, pw, 14, 10, false, Pen.INK);
      pen.fill(px + 4, py + 102, pw - 8, 18, new Color(0xd9, 0xd9, 0xd9));
      pen.centred(tensorCoresPerPartition() + " tensor core", px + 4, py + 102, pw - 8, 18, 10, false, Pen.INK);
      pen.fill(px + 4, py + 126, pw - 8, 38, REGISTERS);
      pen.centred(String.format(Locale.ROOT, "%,d regs", sm.registersPerSubPartition()), px + 4, py + 126, pw - 8, 20, 10, true, Color.WHITE);
      pen.centred(kib(4L * sm.registersPerSubPartition()), px + 4, py + 142, pw - 8, 20, 10, false, Color.WHITE);
    }
    double ly = y + 26 + ph + 8;
    pen.fill(x + 5, ly, w - 10, h - (ly - y) - 6, SHARED);
    pen.centred("L1 / shared memory: " + kib(sm.l1AndSharedPerSmBytes()), x + 5, ly + 2, w - 10, 20, 12, true, Color.WHITE);
    pen.centred(String.format("shared: up to %s per SM, %s per block", kib(sm.maxSharedPerSmBytes()), kib(sm.sharedPerBlockOptInBytes())),
        x + 5, ly + 22, w - 10, 20, 11, false, Color.WHITE);
    pen.centred("32 banks × 4 bytes", x + 5, ly + 40, w - 10, 20, 11, false, Color.WHITE);
    pen.centred("resident warps share the registers and shared memory", x + 5, ly + 58, w - 10, 20, 11, false, Color.WHITE);
  }

  private void drawLanes(Pen pen, double x, double y, double w, int lanes) {
    int perRow = Math.max(1, lanes / 2);
    double cell = w / perRow;
    for (int i = 0; i < lanes; i++) {
      pen.fill(x + (i % perRow) * cell + 0.5, y + (i / perRow) * 14, cell - 1, 12, SM);
    }
  }

  private int tensorCoresPerPartition() {
    return gpu.tensorCores() / gpu.smCount() / sm.subPartitions();
  }

  /** L2 and DRAM: one band each under the SMs, as wide as the chip. */
  private void drawSharedLevels(Pen pen, double x, double y, double w) {
    pen.fill(x, y, w, 52, L2);
    pen.centred(String.format("L2 cache: %d MB, shared by all %d SMs", gpu.l2CacheMB(), gpu.smCount()), x, y + 4, w, 24, 13, true, Color.WHITE);
    pen.centred("what one SM writes, every other SM can read from here", x, y + 26, w, 20, 11, false, Color.WHITE);
    double dy = y + 52 + 30;
    pen.line(x + w / 2, y + 52, x + w / 2, dy, Pen.INK, 2f);
    pen.text(String.format(Locale.ROOT, "%,.0f GB/s = %.1f bytes per SM per clock", gpu.memoryBandwidthGBps(), bytesPerSmPerClock()),
        x + w / 2 + 8, y + 52 + 20, 11, false, Pen.INK, Align.LEFT);
    pen.fill(x, dy, w, 52, DRAM);
    pen.centred(String.format("DRAM: %d GB %s", gpu.memoryGB(), gpu.memoryType()), x, dy + 4, w, 24, 13, true, Color.WHITE);
    pen.centred("off the chip: an operand takes hundreds of clock cycles", x, dy + 26, w, 20, 11, false, Color.WHITE);
  }

  /** DRAM bandwidth divided among the SMs at the boost clock: what a memory-bound kernel gets per SM. */
  public double bytesPerSmPerClock() {
    return gpu.memoryBandwidthGBps() / (gpu.smCount() * gpu.boostClockGhz());
  }

  /** Each level's capacity over the whole chip as a bar on a log scale. */
  private void drawLadder(Pen pen, double x, double y, double w) {
    pen.text("capacity on the whole chip", x, y + 14, 13, true, Pen.INK, Align.LEFT);
    pen.text("(log scale; faster at the top)", x, y + 30, 11, false, Pen.MUTED, Align.LEFT);
    double low = Math.log10(MB), high = Math.log10(64 * GB);
    double rowY = y + 48;
    for (Level level : levels()) {
      double bar = Math.max(4, (w - 60) * (Math.log10(level.chipBytes()) - low) / (high - low));
      pen.text(level.name(), x, rowY + 12, 12, true, Pen.INK, Align.LEFT);
      pen.fill(x, rowY + 18, bar, 22, level.color());
      pen.text(size(level.chipBytes()), x + bar + 6, rowY + 34, 12, true, Pen.INK, Align.LEFT);
      pen.text(level.note(), x, rowY + 56, 11, false, Pen.MUTED, Align.LEFT);
      rowY += 80;
    }
    pen.text("latency (CUDA C++ guides)", x, rowY + 8, 12, true, Pen.INK, Align.LEFT);
    pen.text("arithmetic result: about 4 cycles", x, rowY + 26, 11, false, Pen.INK, Align.LEFT);
    pen.text("shared: ~100× below uncached DRAM", x, rowY + 42, 11, false, Pen.INK, Align.LEFT);
    pen.text("DRAM: hundreds of cycles", x, rowY + 58, 11, false, Pen.INK, Align.LEFT);
  }

  private static String kib(long bytes) {
    return bytes % 1024 == 0 ? String.format(Locale.ROOT, "%,d KB", bytes / 1024) : String.format(Locale.ROOT, "%,d B", bytes);
  }

  private static String size(double bytes) {
    if (bytes >= GB) {
      return String.format(Locale.ROOT, "%.0f GB", bytes / GB);
    }
    return String.format(Locale.ROOT, "%.0f MB", bytes / MB);
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%s (%s, compute capability %s): %d SMs; each SM has %d partitions of %d FP32 lanes, %d tensor core(s) and %,d registers (%s), "
            + "and %s of L1 / shared memory (up to %s shared); up to %d warps resident%n",
        gpu.name(), gpu.chip(), sm.computeCapability(), gpu.smCount(), sm.subPartitions(), lanesPerSm() / sm.subPartitions(),
        tensorCoresPerPartition(), sm.registersPerSubPartition(), kib(4L * sm.registersPerSubPartition()),
        kib(sm.l1AndSharedPerSmBytes()), kib(sm.maxSharedPerSmBytes()), sm.maxWarpsPerSm()));
    for (Level level : levels()) {
      b.append(String.format("  %-12s %8s (%s)%n", level.name(), size(level.chipBytes()), level.note()));
    }
    return b.append(String.format(Locale.ROOT, "  DRAM bandwidth per SM per clock: %.1f bytes", bytesPerSmPerClock())).toString();
  }
}
