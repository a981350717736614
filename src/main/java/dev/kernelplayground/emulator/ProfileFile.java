package dev.kernelplayground.emulator;

import dev.kernelplayground.profile.AccessOp;
import dev.kernelplayground.profile.KernelProfile;
import dev.kernelplayground.profile.LineCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what a profiling launch's child process wrote (kp_profile.cpp's records: sites by code address, unique
 * sectors per buffer, tensor FLOPs) and puts each site on its line of the user's file, with addr2line.
 */
final class ProfileFile {
  /** A site that is a source line rather than a code address (a WMMA tile, counted by kp_profile.cpp's profile_tile). */
  private static final long LINE_MARK = 1L << 62;

  private ProfileFile() {}

  static KernelProfile read(Path file, Path binary, String kernel, String displayName, List<String> sourceLines,
      long blocks) {
    List<String> records;
    try {
      records = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("the profiler wrote no counts for " + kernel, e);
    }
    List<String[]> sites = new ArrayList<>();
    long read = 0;
    long written = 0;
    long tensorFp16 = 0;
    long tensorFp32 = 0;
    for (String record : records) {
      String[] f = record.split("\t");
      switch (f[0]) {
        case "site" -> sites.add(f);
        case "unique" -> {
          read += Long.parseLong(f[3]);
          written += Long.parseLong(f[4]);
        }
        case "tensor" -> {
          tensorFp16 = Long.parseLong(f[1]);
          tensorFp32 = Long.parseLong(f[2]);
        }
        default -> throw new IllegalStateException("unexpected profiler record: " + record);
      }
    }
    Map<Long, Integer> lines = SourceLines.linesOfCalls(binary,
        sites.stream().map(f -> Long.decode(f[1])).filter(pc -> pc < LINE_MARK).toList(), displayName);
    List<LineCounts> counts = new ArrayList<>();
    for (String[] f : sites) {
      long pc = Long.decode(f[1]);
      int line = pc >= LINE_MARK ? (int) (pc & 0xffff_ffffL) : lines.getOrDefault(pc, 0);
      String text = line > 0 && line <= sourceLines.size() ? sourceLines.get(line - 1).strip() : "";
      counts.add(new LineCounts(displayName, line, text, op(f[2], f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
          Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9])));
    }
    return new KernelProfile(kernel, KernelProfile.byLine(counts), read, written, tensorFp16, tensorFp32, blocks, 0);
  }

  private static AccessOp op(String space, String op) {
    if (op.equals("atomic")) {
      return AccessOp.ATOMIC;
    }
    boolean shared = space.equals("shared");
    boolean load = op.equals("load");
    return shared ? (load ? AccessOp.SHARED_LOAD : AccessOp.SHARED_STORE)
        : (load ? AccessOp.GLOBAL_LOAD : AccessOp.GLOBAL_STORE);
  }
}
