package dev.kernelplayground.notebook;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.jcuda.CudaAvailability;
import dev.kernelplayground.jcuda.GpuSession;
import java.time.Duration;
import java.util.List;

/**
 * Everything one notebook remembers between its cells: the JShell that runs its Java, the kernels its
 * {@code %%cuda} cells defined, the exercises it checked, where its kernels run, and the GPU it opened. The
 * Jupyter kernel and the headless runner each open one; {@link Playground}'s static methods, which cells call
 * without an instance, reach the session opened last.
 */
public final class NotebookSession implements AutoCloseable {
  private static volatile NotebookSession current;
  /** A session bound to a thread (and the threads it starts, JShell's included): one per submission a grader grades at once. */
  private static final InheritableThreadLocal<NotebookSession> BOUND = new InheritableThreadLocal<>();

  private JavaCells java;
  /** The emulator's modules, compiled once per source: by a {@code %%cuda} cell, then reused by Playground.cuda. */
  private final EmulatorBackend emulator;
  private final CudaCells cuda;
  private final Exercises exercises = new Exercises();
  private AparapiDevice device;
  private String cudaBackend;
  private GpuSession gpu;

  private NotebookSession() {
    this(EmulatedModule.DEFAULT_TIMEOUT, true);
  }

  private NotebookSession(Duration kernelTimeout, boolean resourceReports) {
    this.emulator = new EmulatorBackend(kernelTimeout);
    this.cuda = new CudaCells(emulator, resourceReports);
  }

  /** A new session; Playground's calls go to it from now on. */
  public static NotebookSession open() {
    NotebookSession session = new NotebookSession();
    current = session;
    return session;
  }

  /**
   * A session for grading one submission: Playground's calls from this thread and the threads it starts go
   * to it (several are graded at once), each kernel launch stops after {@code kernelTimeout}, and {@code %%cuda}
   * cells are compiled for the emulator only (no nvcc resource report).
   */
  public static NotebookSession openForThisThread(Duration kernelTimeout) {
    NotebookSession session = new NotebookSession(kernelTimeout, false);
    BOUND.set(session);
    return session;
  }

  /** The session bound to this thread, else the one opened last, else a new one for Java that calls Playground outside a notebook. */
  static NotebookSession current() {
    NotebookSession bound = BOUND.get();
    if (bound != null) {
      return bound;
    }
    NotebookSession session = current;
    if (session == null) {
      synchronized (NotebookSession.class) {
        if (current == null) {
          current = new NotebookSession();
        }
        session = current;
      }
    }
    return session;
  }

  /** The JShell of this notebook, started on first use. */
  public synchronized JavaCells java() {
    if (java == null) {
      java = new JavaCells();
    }
    return java;
  }

  CudaCells cuda() {
    return cuda;
  }

  /**
   * Compiles a {@code %%cuda} cell's CUDA C (the lines after the magic) and makes its kernels callable by
   * {@link Playground#cuda}; returns the report.
   */
  public String compileCuda(String cell) {
    return cuda.compile(Cells.cudaBody(cell), 2);
  }

  /**
   * Compiles these {@code %%cuda} cells (the notebook's, in order, none run yet) in the background while the cells
   * before them run; each cell still reports and fails at its turn ({@code CudaCells#compileAhead}).
   */
  public void compileAhead(List<String> cudaCells) {
    cuda.compileAhead(cudaCells);
  }

  /** The emulator this notebook's CUDA C compiles with and runs on. */
  EmulatorBackend emulator() {
    return emulator;
  }

  public Exercises exercises() {
    return exercises;
  }

  /** Where Java kernels run: the device chosen with {@code %device}, else {@link AparapiDeviceList#defaultDevice()}. */
  synchronized AparapiDevice device() {
    if (device == null) {
      device = AparapiDeviceList.defaultDevice();
    }
    return device;
  }

  synchronized void useDevice(AparapiDevice chosen) {
    device = chosen;
  }

  /** Where CUDA C runs: chosen with {@code %device}, else {@code cuda} on a machine with an NVIDIA GPU, else the emulator. */
  synchronized String cudaBackend() {
    return cudaBackend != null ? cudaBackend : CudaAvailability.gpuPresent() ? "cuda" : "emulator";
  }

  synchronized void useCudaBackend(String backend) {
    cudaBackend = backend;
  }

  /** The GPU this notebook's CUDA C runs on, opened on first use. */
  synchronized GpuSession gpu() {
    if (gpu == null) {
      gpu = GpuSession.open();
    }
    return gpu;
  }

  /** Stops JShell and releases the GPU; Playground's calls then start afresh. */
  @Override
  public synchronized void close() {
    cuda.close();
    if (java != null) {
      java.close();
    }
    if (gpu != null) {
      gpu.close();
    }
    synchronized (NotebookSession.class) {
      if (current == this) {
        current = null;
      }
    }
    if (BOUND.get() == this) {
      BOUND.remove();
    }
  }
}
