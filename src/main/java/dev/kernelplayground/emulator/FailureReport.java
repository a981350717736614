package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.KernelArg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the child's one-line report ("@@KP-ERROR\tkind=...\t...") into an {@link EmulatorException} in
 * plain words: what happened, to which element of which parameter, at which line of the user's file, in
 * which kernel, block and thread.
 */
final class FailureReport {
  private final String displayName;
  private final Path binary;
  private final List<KernelSignature> kernels;

  FailureReport(String displayName, Path binary, List<KernelSignature> kernels) {
    this.displayName = displayName;
    this.binary = binary;
    this.kernels = kernels;
  }

  static Map<String, String> fields(String stderr, String mark) {
    String line = stderr.substring(stderr.lastIndexOf(mark) + mark.length());
    int end = line.indexOf('\n');
    line = end < 0 ? line : line.substring(0, end);
    Map<String, String> fields = new HashMap<>();
    for (String field : line.split("\t")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        fields.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return fields;
  }

  EmulatorException explain(Map<String, String> f, List<KernelArg> args, String printed, Duration timeout) {
    String kernel = f.get("kernel");
    String block = f.containsKey("block") ? "(" + f.get("block") + ")" : null;
    String thread = f.containsKey("thread") ? "(" + f.get("thread") + ")" : null;
    int line = Integer.parseInt(f.getOrDefault("line", "0"));
    if (line == 0 && f.containsKey("pc") && !f.get("pc").equals("(nil)")) {
      line = SourceLines.lineOf(binary, f.get("pc"), displayName);
    }
    String detail = f.getOrDefault("detail", "");
    String kind = f.getOrDefault("kind", "CRASH");
    EmulatorException.Kind k;
    String what;
    String otherThread = null;
    int otherLine = 0;
    switch (kind) {
      case "OUT_OF_BOUNDS", "READ_ONLY" -> {
        k = EmulatorException.Kind.OUT_OF_BOUNDS;
        what = describeAccess(f, args, kernel, kind.equals("READ_ONLY"));
      }
      case "SHARED_OUT_OF_BOUNDS" -> {
        k = EmulatorException.Kind.SHARED_OUT_OF_BOUNDS;
        what = describeSharedAccess(f);
      }
      case "DYNAMIC_SHARED_OUT_OF_BOUNDS" -> {
        k = EmulatorException.Kind.SHARED_OUT_OF_BOUNDS;
        what = describeDynamicSharedAccess(f);
      }
      case "SHARED_RACE" -> {
        k = EmulatorException.Kind.SHARED_RACE;
        otherThread = "(" + f.getOrDefault("other", "") + ")";
        otherLine = otherLine(f);
        what = describeRace(f, thread, otherLine);
      }
      case "SHARED_UNINITIALIZED" -> {
        k = EmulatorException.Kind.SHARED_UNINITIALIZED_READ;
        what = "uninitialised shared-memory read: " + f.getOrDefault("access", "") + " (" + f.getOrDefault("type", "")
            + ") was never written by any thread of this block before this read (a missing __syncthreads(), or a"
            + " slot no thread fills)";
      }
      case "MISALIGNED" -> {
        k = EmulatorException.Kind.MISALIGNED_ACCESS;
        long offset = Long.parseLong(f.get("offset"));
        int elem = Math.max(1, Integer.parseInt(f.get("elem")));
        String name = parameterName(kernel, Integer.parseInt(f.get("arg")));
        what = "misaligned access: " + f.get("access") + " bytes at " + name + "[" + Math.floorDiv(offset, elem)
            + "] (byte offset " + offset + "), but a GPU loads and stores " + f.get("access") + "-byte vectors only at"
            + " multiples of " + f.get("align") + " bytes (it stops with 'misaligned address')";
      }
      case "BAD_ADDRESS" -> {
        k = EmulatorException.Kind.OUT_OF_BOUNDS;
        String allocation = f.getOrDefault("allocation", "host");
        String rw = f.getOrDefault("rw", "access");
        if (allocation.contains("freed at")) {
          what = "use after free: a " + rw + " at address " + f.get("address") + ", in " + allocation;
        } else if ("inside".equals(f.get("place")) && block == null) {
          what = "device memory used on the host: a " + rw + " of " + allocation + ", which host code cannot touch"
              + " (on a GPU it lives in the GPU's memory); copy it with cudaMemcpy, or allocate it with cudaMallocManaged";
        } else if (f.containsKey("allocation") && !allocation.equals("host") && !allocation.equals("null")) {
          what = "out-of-bounds " + rw + " at address " + f.get("address") + ", just past the end of " + allocation;
        } else {
          what = "invalid memory " + rw + " at address " + f.get("address")
              + ", outside every buffer the kernel was given (a null or wild pointer, or an index far out of bounds)";
        }
      }
      case "DIVERGENT_BARRIER" -> {
        k = EmulatorException.Kind.DIVERGENT_BARRIER;
        what = detail;
      }
      case "DIVERGENT_WARP", "WARP_MASK" -> {
        k = EmulatorException.Kind.DIVERGENT_WARP;
        what = detail;
      }
      case "TIMEOUT" -> {
        k = EmulatorException.Kind.TIMEOUT;
        what = "kernel " + kernel + " ran longer than its " + human(timeout) + " timeout and was stopped"
            + (thread != null ? " while running this thread" : "")
            + ": an endless loop? (a loop whose condition never changes, or a thread waiting for a flag that is"
            + " never set)";
      }
      case "UNSUPPORTED" -> {
        k = EmulatorException.Kind.UNSUPPORTED;
        what = detail;
      }
      case "BAD_LAUNCH", "BAD_ARGUMENTS", "NO_SUCH_KERNEL" -> {
        k = EmulatorException.Kind.INVALID_LAUNCH;
        what = detail;
      }
      case "TRAP" -> {
        k = EmulatorException.Kind.CRASH;
        what = detail;
      }
      default -> {
        k = EmulatorException.Kind.CRASH;
        what = detail.isEmpty() ? "the kernel crashed" : detail;
      }
    }
    StringBuilder message = new StringBuilder();
    if (line > 0) {
      message.append(displayName).append(':').append(line).append(": ");
    }
    message.append(what);
    if (block != null) {
      message.append(" (kernel ").append(kernel).append(", block ").append(block).append(", thread ")
          .append(thread).append(')');
    }
    if (!printed.isBlank()) {
      message.append("\nthe kernel printed before it stopped:\n").append(tail(printed));
    }
    return new EmulatorException(k, message.toString(), kernel, block, thread, line > 0 ? displayName : null, line,
        otherThread, otherLine);
  }

  private String describeAccess(Map<String, String> f, List<KernelArg> args, String kernel, boolean readOnly) {
    int arg = Integer.parseInt(f.get("arg"));
    long offset = Long.parseLong(f.get("offset"));
    long bytes = Long.parseLong(f.get("bytes"));
    int elem = Math.max(1, Integer.parseInt(f.get("elem")));
    String rw = f.getOrDefault("rw", "access");
    String name = parameterName(kernel, arg);
    long index = Math.floorDiv(offset, elem);
    String type = arg < args.size() ? elementType(args.get(arg)) : "";
    if (readOnly) {
      return "the kernel wrote into " + name + "[" + index + "], which was passed as an input (KernelArg.in,"
          + " read-only); pass it with KernelArg.inOut if the kernel is meant to change it";
    }
    String access = rw.equals("access") ? "access" : rw;
    String allocation = f.get("allocation");
    if (allocation != null) {
      return describeProgramAccess(access, name, index, bytes, elem, allocation);
    }
    return "out-of-bounds " + access + ": " + name + "[" + index + "], but " + name + " has " + (bytes / elem)
        + " elements" + type + (index < 0 ? " (the index is negative)" : "");
  }

  /**
   * An access in a whole program, whose buffers are allocations the host runtime knows: "d_x (4000 bytes from
   * cudaMalloc at add.cu:20)", "host" for a pointer to host memory, "null".
   */
  private static String describeProgramAccess(
      String access, String name, long index, long bytes, int elem, String allocation) {
    String at = name + "[" + index + "]";
    if (allocation.equals("null")) {
      return "invalid " + access + ": " + at + ", but " + name + " is a null pointer (a GPU stops with"
          + " cudaErrorIllegalAddress)";
    }
    if (allocation.equals("host")) {
      return "invalid " + access + ": " + at + ", but " + name + " points to host memory (not from cudaMalloc,"
          + " cudaMallocManaged or cudaMallocHost), which a kernel cannot use (a GPU stops with cudaErrorIllegalAddress;"
          + " copy the data to a cudaMalloc'd buffer with cudaMemcpy, or allocate it with cudaMallocManaged)";
    }
    if (allocation.contains("freed at")) {
      return "use after free: " + at + ", but " + name + " points into " + allocation;
    }
    return "out-of-bounds " + access + ": " + at + ", but " + name + " has " + (bytes / elem) + " elements ("
        + elem + "-byte, indices 0.." + (bytes / elem - 1) + "): " + name + " is " + allocation
        + (index < 0 ? " (the index is negative)" : "");
  }

  /** {@code s[128], but s has 128 elements (float, indices 0..127)}; for more dimensions every index. */
  private static String describeSharedAccess(Map<String, String> f) {
    String rw = f.getOrDefault("rw", "access");
    String name = f.getOrDefault("name", "");
    long bound = Long.parseLong(f.getOrDefault("bound", "0"));
    long index = Long.parseLong(f.getOrDefault("index", "0"));
    String type = f.getOrDefault("type", "");
    String access = f.getOrDefault("access", "");
    String head = "out-of-bounds shared-memory " + rw + ": ";
    if (name.isEmpty()) {
      return head + "index " + index + " of a __shared__ array with " + bound + " elements"
          + (index < 0 ? " (the index is negative)" : "");
    }
    String indices = bound > 0 ? "indices 0.." + (bound - 1) : "no valid index";
    if (Integer.parseInt(f.getOrDefault("rank", "1")) <= 1) {
      return head + access + ", but " + name + " has " + bound + " elements (" + type + ", " + indices + ")"
          + (index < 0 ? " (the index is negative)" : "");
    }
    return head + access + ", but " + name + " is " + f.getOrDefault("shape", type) + " (index " + index
        + (index < 0 ? " is negative" : " is past its bound " + bound) + ": " + indices + ")";
  }

  private static String describeDynamicSharedAccess(Map<String, String> f) {
    String rw = f.getOrDefault("rw", "access");
    String name = f.getOrDefault("name", "");
    int elem = Math.max(1, Integer.parseInt(f.getOrDefault("elem", "1")));
    long offset = Long.parseLong(f.getOrDefault("offset", "0"));
    long bytes = Long.parseLong(f.getOrDefault("bytes", "0"));
    long index = Math.floorDiv(offset, elem);
    String type = f.getOrDefault("type", "");
    String array = name.isEmpty() ? "the dynamic shared memory" : name;
    return "out-of-bounds shared-memory " + rw + ": " + (name.isEmpty() ? "byte " + offset + " of the dynamic shared"
        + " memory" : name + "[" + index + "]") + ", but " + array + " (extern __shared__, the launch's " + bytes
        + " bytes of dynamic shared memory) has " + (bytes / elem) + " elements"
        + (type.isEmpty() ? "" : " (" + type + ", indices 0.." + (bytes / elem - 1) + ")")
        + (index < 0 ? " (the index is negative)" : "");
  }

  /**
   * {@code write-after-read race on shared memory: thread (3,0,0) writes s[3], which thread (2,0,0) read at
   * line 7, with no __syncthreads() between them}.
   */
  /** The line of a race's other access (its code address, pc2), or 0. */
  private int otherLine(Map<String, String> f) {
    String pc2 = f.get("pc2");
    return pc2 == null || pc2.equals("(nil)") ? 0 : SourceLines.lineOf(binary, pc2, displayName);
  }

  private static String describeRace(Map<String, String> f, String thread, int otherLine) {
    String hazard = f.getOrDefault("hazard", "");
    String other = "(" + f.getOrDefault("other", "") + ")";
    String access = f.getOrDefault("access", "");
    String at = otherLine > 0 ? " at line " + otherLine : "";
    boolean warp = "1".equals(f.get("warp"));
    String me = thread == null ? "this thread" : "thread " + thread;
    String between = warp
        ? " with no __syncthreads() or __syncwarp() between them (an intra-warp hazard: the lanes of a warp are not in lockstep since Volta)"
        : " with no __syncthreads() between them";
    return switch (hazard) {
      case "RAW" -> "read-after-write race on shared memory: " + me + " reads " + access + ", which thread " + other
          + " wrote" + at + "," + between;
      case "WAR" -> "write-after-read race on shared memory: " + me + " writes " + access + ", which thread " + other
          + " read" + at + "," + between;
      default -> "write-after-write race on shared memory: " + me + " writes " + access + ", which thread " + other
          + " wrote" + at + "," + between;
    };
  }

  private static String elementType(KernelArg arg) {
    if (!(arg instanceof KernelArg.Buffer b)) {
      return "";
    }
    String type = b.element().bytes() == 2 ? "16-bit" : b.element().cName();
    return " (" + type + ", indices 0.." + (b.elements() - 1) + ")";
  }

  private String parameterName(String kernel, int arg) {
    String base = kernel == null ? "" : kernel.replaceAll("<.*$", "");
    for (KernelSignature k : kernels) {
      if (k.name().equals(base) && arg < k.parameters().size() && !k.parameters().get(arg).isEmpty()) {
        return k.parameters().get(arg);
      }
    }
    return "argument " + (arg + 1);
  }

  EmulatorException failure(
      EmulatorException.Kind kind, String message, String kernel, String block, String thread, int line) {
    return new EmulatorException(kind, message, kernel, block, thread, line > 0 ? displayName : null, line);
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  static String tail(String text) {
    String t = text.strip();
    return t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
  }
}
