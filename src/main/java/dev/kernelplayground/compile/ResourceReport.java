package dev.kernelplayground.compile;

/**
 * What {@code ptxas -v} says one kernel uses on one architecture: the numbers occupancy is computed from, and
 * the spills that tell a kernel asked for more registers than it got.
 *
 * @param function the entry function's symbol as ptxas prints it (mangled for C++ kernels)
 * @param kernelName the plain function name ({@code _Z11sgemm_naivePKfS0_Pfiii} → {@code sgemm_naive})
 * @param registers registers per thread
 * @param staticSharedBytes {@code __shared__} arrays declared in the kernel (not the launch's dynamic share)
 * @param spillStoreBytes bytes stored to local memory because registers ran out
 * @param spillLoadBytes bytes loaded back from those spills
 * @param stackFrameBytes per-thread stack (local arrays indexed at run time, spills, calls)
 * @param barriers named barriers used (-1 when this ptxas does not print them)
 * @param constantBytes bank-0 constant memory (kernel parameters and driver data)
 */
public record ResourceReport(
    String function,
    String kernelName,
    int registers,
    int staticSharedBytes,
    int spillStoreBytes,
    int spillLoadBytes,
    int stackFrameBytes,
    int barriers,
    int constantBytes) {

  /** Whether any register was spilled to local memory. */
  public boolean spills() {
    return spillStoreBytes > 0 || spillLoadBytes > 0;
  }

  /** One line, e.g. "128 registers, 8,192 B shared, no spills, 0 B stack". */
  public String summary() {
    return String.format(java.util.Locale.ROOT, "%d registers, %,d B static shared memory, %s, %,d B stack, %,d B constant%s",
        registers, staticSharedBytes,
        spills() ? String.format(java.util.Locale.ROOT, "SPILLS %,d B stored / %,d B loaded", spillStoreBytes, spillLoadBytes)
            : "no spills",
        stackFrameBytes, constantBytes, barriers >= 0 ? ", " + barriers + " barrier" + (barriers == 1 ? "" : "s") : "");
  }
}
