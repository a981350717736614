package dev.kernelplayground.ada;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a warp's shared-memory request meets the banks on Ada (compute capability 8.9): shared memory is 32 banks,
 * each 4 bytes wide, successive 32-bit words in successive banks; each bank delivers one word per clock, lanes
 * that ask for the same word share one delivery (a broadcast), and lanes that ask one bank for different words
 * wait in line (CUDA C++ Programming Guide, "Shared Memory" of compute capability 5.x and later, which 8.x
 * follows). A request then takes as many passes, or wavefronts, as the busiest bank has distinct words: 1 when
 * conflict-free, 32 when 32 lanes ask one bank for 32 words.
 *
 * <p>A model of 32-bit accesses by one warp, counted from addresses; wider accesses (float2, float4) are split
 * by the hardware into half- or quarter-warp phases and are not modelled here.
 */
public final class SharedMemoryBanks {
  /** Banks of shared memory on every compute capability from 5.x on, Ada included. */
  public static final int BANKS = 32;

  /** Bytes per bank per clock. */
  public static final int BANK_BYTES = 4;

  private SharedMemoryBanks() {}

  /** The bank of a 32-bit word, by its index in shared memory (byte address / 4). */
  public static int bank(int word) {
    return Math.floorMod(word, BANKS);
  }

  /**
   * The wavefronts one warp's request takes: the largest number of distinct words any bank is asked for.
   *
   * @param words the word index each active lane reads or writes (at most 32 lanes)
   */
  public static int wavefronts(int... words) {
    if (words.length > 32) {
      throw new IllegalArgumentException("a warp has 32 lanes, got " + words.length + " addresses");
    }
    Map<Integer, Set<Integer>> wordsPerBank = new HashMap<>();
    for (int word : words) {
      wordsPerBank.computeIfAbsent(bank(word), b -> new HashSet<>()).add(word);
    }
    return wordsPerBank.values().stream().mapToInt(Set::size).max().orElse(0);
  }

  /** The word index lane i of a warp touches when it reads {@code base + i * stride} (in words). */
  public static int[] strided(int base, int stride) {
    int[] words = new int[32];
    for (int lane = 0; lane < 32; lane++) {
      words[lane] = base + lane * stride;
    }
    return words;
  }
}
