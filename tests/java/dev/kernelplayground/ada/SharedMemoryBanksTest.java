package dev.kernelplayground.ada;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SharedMemoryBanksTest {
  @Test
  void consecutiveWordsAreOneWavefrontAndAColumnOfA32WideTileIs32() {
    assertEquals(1, SharedMemoryBanks.wavefronts(SharedMemoryBanks.strided(0, 1)));
    assertEquals(32, SharedMemoryBanks.wavefronts(SharedMemoryBanks.strided(5, 32)));
    assertEquals(1, SharedMemoryBanks.wavefronts(SharedMemoryBanks.strided(5, 33)), "one padding word per row");
  }

  @Test
  void anEvenStrideConflictsAsManyWaysAsItsGreatestCommonDivisorWith32() {
    for (int stride = 1; stride <= 64; stride++) {
      int gcd = java.math.BigInteger.valueOf(stride).gcd(java.math.BigInteger.valueOf(32)).intValue();
      assertEquals(gcd, SharedMemoryBanks.wavefronts(SharedMemoryBanks.strided(7, stride)), "stride " + stride);
    }
  }

  @Test
  void lanesReadingOneWordShareItButNotTwoWordsOfOneBank() {
    int[] broadcast = new int[32];
    Arrays.fill(broadcast, 77);
    assertEquals(1, SharedMemoryBanks.wavefronts(broadcast));
    broadcast[31] = 77 + 32;  // same bank, another word
    assertEquals(2, SharedMemoryBanks.wavefronts(broadcast));
  }

  @Test
  void aRandomPermutationOfOneRowIsConflictFree() {
    long seed = new Random().nextLong();
    var rng = new Random(seed);
    int[] words = SharedMemoryBanks.strided(64, 1);
    for (int i = 31; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = words[i];
      words[i] = words[j];
      words[j] = t;
    }
    assertEquals(1, SharedMemoryBanks.wavefronts(words), "seed " + seed);
    assertEquals(0, SharedMemoryBanks.wavefronts());
    assertEquals(31, SharedMemoryBanks.bank(-1));
    assertThrows(IllegalArgumentException.class, () -> SharedMemoryBanks.wavefronts(new int[33]));
  }
}
