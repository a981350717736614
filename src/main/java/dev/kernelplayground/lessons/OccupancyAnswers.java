package dev.kernelplayground.lessons;

import java.util.List;

/**
 * Lesson 5's answers, worked by hand from the CUDA occupancy rules for compute capability 8.9 and NOT computed
 * with {@code Occupancy}: the checks of exercises blocks_per_sm and register_cap compare a learner's calculator
 * with these rows, so an answer that asks the playground's calculator learns nothing and a bug in that
 * calculator cannot make a wrong answer right (OccupancyAnswersTest holds the two against each other).
 *
 * <p>The rules (cuda_occupancy.h, cudaOccMaxActiveBlocksPerMultiprocessor; CUDA C++ Programming Guide, Technical
 * Specifications for 8.9): a block of t threads is w = ⌈t / 32⌉ warps; at most 48 warps and 24 blocks per SM;
 * registers are allocated per warp in units of 256 (r·32 rounded up), from four sub-partitions of 16,384, so an SM
 * holds 4·⌊16384 / regsPerWarp⌋ warps; shared memory is allocated per block as static bytes + 1 KB the driver
 * reserves, rounded up to 128 B, from 100 KB per SM. Each row says which rule binds and the arithmetic.
 *
 * <p>Published cases: the CUDA C++ Best Practices Guide's occupancy example (37 registers, blocks of 128 and 320
 * threads), redone with 8.9's limits; and the register caps that ptxas 13.0 chose for {@code __launch_bounds__}
 * in lesson 5's recorded sm_89 reports (lessons/recorded): 80 for (256, 3), 40 for (256, 6) and (512, 3).
 */
public final class OccupancyAnswers {
  /** blocksPerSm(threads, registers, sharedBytes) = blocks, because of {@code why}. */
  public record Blocks(int threads, int registers, int sharedBytes, int blocks, String why) {}

  /** registerCap(threads, blocks) = registers, because of {@code why}. */
  public record Cap(int threads, int blocks, int registers, String why) {}

  private static final List<Blocks> BLOCKS = List.of(
      new Blocks(256, 32, 0, 6, "8 warps: 48 / 8 = 6 by warps (registers: 1,024 a warp, 4·16 = 64 warps, 8 blocks)"),
      new Blocks(128, 37, 0, 12, "Best Practices Guide case: 37·32 = 1,184 → 1,280 a warp, 4·⌊16384 / 1280⌋ = 48 warps, 48 / 4 = 12"),
      new Blocks(320, 37, 0, 4, "Best Practices Guide case: 10 warps, 48 / 10 = 4 by warps and 48 / 10 = 4 by registers"),
      new Blocks(1, 1, 0, 24, "1 warp: the 24 block slots bind (warps would allow 48)"),
      new Blocks(32, 16, 0, 24, "1 warp of 512 registers: 128 warps by registers, 48 by warps, 24 block slots"),
      new Blocks(1000, 20, 0, 1, "⌈1000 / 32⌉ = 32 warps: 48 / 32 = 1"),
      new Blocks(1024, 64, 0, 1, "32 warps of 2,048 registers: 4·8 = 32 warps, exactly one block"),
      new Blocks(1024, 65, 0, 0, "65·32 = 2,080 → 2,304 a warp: 32 warps need 73,728 > 65,536 registers: it does not launch"),
      new Blocks(128, 49, 0, 9, "49·32 = 1,568 → 1,792 a warp: 4·⌊16384 / 1792⌋ = 36 warps, 36 / 4 = 9 (unrounded: 10)"),
      new Blocks(160, 80, 0, 4, "5 warps of 2,560: ⌊16384 / 2560⌋ = 6 per sub-partition, 24 / 5 = 4 (the whole file, 65536 / 2560 = 25 warps: 5)"),
      new Blocks(192, 128, 0, 2, "6 warps of 4,096: 4·4 = 16 warps, 16 / 6 = 2"),
      new Blocks(32, 255, 0, 8, "255·32 = 8,160 → 8,192 a warp: 4·2 = 8 warps, 8 blocks"),
      new Blocks(128, 32, 33 * 1024, 2, "33 KB + 1 KB reserved = 34,816 B: 102,400 / 34,816 = 2 (without the reserve: 3)"),
      new Blocks(64, 32, 10_000, 9, "10,000 + 1,024 = 11,024 → 11,136 B: 102,400 / 11,136 = 9 (without the reserve: 10)"),
      new Blocks(32, 16, 4000, 20, "4,000 + 1,024 = 5,024 → 5,120 B: 102,400 / 5,120 = 20 (without the reserve: 24 slots)"),
      new Blocks(128, 32, 48 * 1024, 2, "48 KB + 1 KB = 50,176 B: 102,400 / 50,176 = 2"),
      new Blocks(512, 64, 20_000, 2, "16 warps of 2,048: 32 / 16 = 2 by registers (shared: 21,120 B, 4; warps: 3)"),
      new Blocks(256, 72, 16 * 1024, 3, "8 warps of 2,304: 4·7 = 28 warps, 28 / 8 = 3 (shared: 17,408 B, 5)"));

  private static final List<Cap> CAPS = List.of(
      new Cap(256, 3, 80, "ptxas 13.0 chose 80: 24 warps, 6 per sub-partition, ⌊16384 / 6⌋ = 2,730 → 2,560 a warp, / 32 = 80"),
      new Cap(256, 6, 40, "ptxas 13.0 chose 40: 48 warps, 12 per sub-partition, 1,365 → 1,280 a warp = 40 a thread"),
      new Cap(512, 3, 40, "ptxas 13.0 chose 40: 48 warps, 12 per sub-partition, 40 a thread"),
      new Cap(128, 1, 255, "4 warps, 1 per sub-partition: 16,384 a warp allows 512, capped at 255 a thread"),
      new Cap(1024, 1, 64, "32 warps, 8 per sub-partition: 2,048 a warp = 64 a thread"),
      new Cap(1000, 1, 64, "⌈1000 / 32⌉ = 32 warps: as 1024 threads, 64"),
      new Cap(96, 5, 128, "15 warps, ⌈15 / 4⌉ = 4 per sub-partition: 4,096 a warp = 128 (the whole file / 480 threads: 136)"),
      new Cap(160, 4, 96, "20 warps, 5 per sub-partition: 3,276 → 3,072 a warp = 96 (104 would give 4,352 a warp, 3 blocks)"),
      new Cap(64, 24, 40, "48 warps, 12 per sub-partition: 40"),
      new Cap(32, 24, 80, "24 warps, 6 per sub-partition: 2,730 → 2,560 a warp = 80"),
      new Cap(768, 2, 40, "48 warps, 12 per sub-partition: 40"),
      new Cap(33, 12, 80, "33 threads are 2 warps: 12 blocks are 24 warps, 6 per sub-partition: 2,560 a warp = 80"));

  private OccupancyAnswers() {}

  /** The blocks-per-SM rows, static shared memory only, no opt-in. */
  public static List<Blocks> blocks() {
    return BLOCKS;
  }

  /** The register-cap rows. */
  public static List<Cap> caps() {
    return CAPS;
  }
}
