package dev.kernelplayground.notebook;

import dev.kernelplayground.aparapi.AparapiDevice;
import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.jcuda.CudaAvailability;
import dev.kernelplayground.jcuda.GpuSession;

/**
 * Everything one notebook remembers between its cells: the JShell that runs its Java, the kernels its
 * {@code %%cuda} cells defined, the exercises it checked, where its kernels run, and the GPU it opened. The
 * Jupyter kernel and the headless runner each open one; {@link Playground}'s static methods, which cells call
 * without an instance, reach the session opened last.
 */
public final class NotebookSession implements AutoCloseable {
  private static volatile NotebookSession current;

  private JavaCells java;
  /** The emulator's modules, compiled once per source: by a {@code %%cuda} cell, then reused by Playground.cuda. */
  private final EmulatorBackend emulator = new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT);
  private final CudaCells cuda = new CudaCells(emulator);
  private final Exercises exercises = new Exercises();
  private AparapiDevice device;
  private String cudaBackend;
  private GpuSession gpu;

  private NotebookSession() {}

  /** A new session; Playground's calls go to it from now on. */
  public static NotebookSession open() {
    NotebookSession session = new NotebookSession();
    current = session;
    return session;
  }

  /** The session opened last, or a new one for Java that calls Playground outside a notebook. */
  static NotebookSession current() {
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
  }
}
