package dev.kernelplayground.bench;

/** What the seconds of a timed run measure: said next to every timing, so a CPU figure never passes for a GPU one. */
public enum Clock {
  /** The wall clock around the launch call: the CPU backends, and Aparapi with its copies to and from the device. */
  WALL_CLOCK("wall clock"),
  /** Two CUDA events around the GPU work alone, on the GPU's own clock. */
  CUDA_EVENTS("CUDA events"),
  /**
   * The emulator's child process timing its blocks on the CPU: no process start, no buffer files, but CPU time
   * of an emulation, never a GPU figure.
   */
  EMULATOR_KERNEL("emulator kernel time, CPU");

  private final String label;

  Clock(String label) {
    this.label = label;
  }

  /** In words: "wall clock", "CUDA events", "emulator kernel time, CPU". */
  public String label() {
    return label;
  }
}
