package dev.kernelplayground.emulator;

import java.util.Optional;

/**
 * A kernel that did not compile or did not run to the end in the emulator, said in plain words that point
 * at the user's own file and line, and — for failures while running — the kernel, block and thread.
 */
public final class EmulatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The C++ compiler rejected the file (the message shows the user's own lines). */
    COMPILE_ERROR,
    /** The file uses CUDA the emulator does not implement; the message names it. */
    UNSUPPORTED,
    /** A thread accessed memory outside every buffer it was given (or wrote into an input). */
    OUT_OF_BOUNDS,
    /**
     * An index past a {@code __shared__} array (static, of any rank, or the launch's dynamic shared memory):
     * the message names the array, every index, the bound and whether it was a read or a write.
     */
    SHARED_OUT_OF_BOUNDS,
    /**
     * Two threads of a block touched the same {@code __shared__} element in one barrier interval, at least one
     * of them writing, with no {@code __syncthreads()} (or, within a warp, {@code __syncwarp()}) between:
     * the message names the hazard (read-after-write, write-after-read, write-after-write), the element, both
     * threads and both lines.
     */
    SHARED_RACE,
    /** A thread read a {@code __shared__} element that no thread of its block had written in this launch. */
    SHARED_UNINITIALIZED_READ,
    /** A vector access (float2, float4...) through a kernel parameter at an address a GPU cannot use. */
    MISALIGNED_ACCESS,
    /** Some threads of a block reached a __syncthreads() the others did not. */
    DIVERGENT_BARRIER,
    /** Lanes of a warp did not meet in the same warp operation (__shfl_sync, __ballot_sync...). */
    DIVERGENT_WARP,
    /** The kernel ran longer than its timeout and was stopped. */
    TIMEOUT,
    /** The kernel was stopped on request (a notebook's interrupt button). */
    STOPPED,
    /** The launch itself was wrong: unknown kernel, bad grid or block, arguments that do not fit. */
    INVALID_LAUNCH,
    /** The kernel stopped on its own: assert, __trap(), a division by zero, a crash. */
    CRASH
  }

  private final Kind kind;
  private final String kernel;
  private final String block;
  private final String thread;
  private final String file;
  private final int line;
  private final String otherThread;
  private final int otherLine;

  EmulatorException(Kind kind, String message, String kernel, String block, String thread, String file, int line) {
    this(kind, message, kernel, block, thread, file, line, null, 0);
  }

  EmulatorException(Kind kind, String message, String kernel, String block, String thread, String file, int line,
      String otherThread, int otherLine) {
    super(message);
    this.kind = kind;
    this.kernel = kernel;
    this.block = block;
    this.thread = thread;
    this.file = file;
    this.line = line;
    this.otherThread = otherThread;
    this.otherLine = otherLine;
  }

  static EmulatorException of(Kind kind, String message) {
    return new EmulatorException(kind, message, null, null, null, null, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** The kernel that failed, when it failed while running. */
  public Optional<String> kernel() {
    return Optional.ofNullable(kernel);
  }

  /** The failing thread's block, e.g. "(3,0,0)", when known. */
  public Optional<String> block() {
    return Optional.ofNullable(block);
  }

  /** The failing thread, e.g. "(17,2,0)", when known. */
  public Optional<String> thread() {
    return Optional.ofNullable(thread);
  }

  /** The user's file the failure points at, when known. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** The line of the user's file the failure points at, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** For a {@link Kind#SHARED_RACE}: the other thread of the hazard, e.g. "(0,0,0)", when known. */
  public Optional<String> otherThread() {
    return Optional.ofNullable(otherThread);
  }

  /** For a {@link Kind#SHARED_RACE}: the line of the other thread's access, or 0 when unknown. */
  public int otherLine() {
    return otherLine;
  }
}
