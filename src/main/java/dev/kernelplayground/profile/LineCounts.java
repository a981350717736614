package dev.kernelplayground.profile;

/**
 * The warp-level traffic of one source line and one kind of access over a launch, as the emulator counted it.
 *
 * @param file the user's file
 * @param line its line (0 when no line of the user's file could be found for the access)
 * @param source the line's text, stripped
 * @param op load or store, global or shared, or atomic
 * @param requests warp-level requests: the active lanes of a warp executing the access once
 * @param sectors 32-byte sectors the requests touched (global memory and global atomics)
 * @param l1Lines 128-byte lines the requests touched (one L1 tag lookup each; global memory)
 * @param wavefronts shared-memory wavefronts (one per 32 banks × 4 bytes served; shared memory)
 * @param bytes bytes the lanes asked for
 * @param laneAccesses accesses of single lanes
 */
public record LineCounts(
    String file, int line, String source, AccessOp op, long requests, long sectors, long l1Lines, long wavefronts,
    long bytes, long laneAccesses) {

  /** Sectors per request (4 for a coalesced 4-byte load, 32 when every lane needs its own sector). */
  public double sectorsPerRequest() {
    return requests == 0 ? 0 : (double) sectors / requests;
  }

  /** Wavefronts per request (1 without bank conflicts). */
  public double wavefrontsPerRequest() {
    return requests == 0 ? 0 : (double) wavefronts / requests;
  }

  /**
   * The bytes asked for as a share of the bytes moved: 100% when every byte of every sector (or wavefront) was
   * wanted. Lanes of a broadcast ask for the same bytes, which move once: capped at 100%.
   */
  public double efficiencyPercent() {
    long moved = op.shared() ? wavefronts * 128 : sectors * 32;
    return moved == 0 ? 0 : Math.min(100.0, 100.0 * bytes / moved);
  }

  /** The units this line costs its memory pipe: wavefronts for shared memory, 128-byte lines for global memory. */
  public long cost() {
    return op.shared() ? wavefronts : l1Lines;
  }

  /** The same counts added to another line's of the same file, line and op. */
  public LineCounts plus(LineCounts o) {
    return new LineCounts(file, line, source, op, requests + o.requests, sectors + o.sectors, l1Lines + o.l1Lines,
        wavefronts + o.wavefronts, bytes + o.bytes, laneAccesses + o.laneAccesses);
  }
}
