package dev.kernelplayground.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.TrafficBound;
import dev.kernelplayground.ada.TrafficBound.Limiter;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.problem.RandomInputs;
import dev.kernelplayground.profile.KernelProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RTX 4090 lower bound from the emulator's counts of kernels/ files: its terms against hand arithmetic for a
 * copy and a matmul, and the order it puts the matmul and softmax progressions in, which must be a GPU's.
 */
class ProfileBoundTest {
  private static final GpuSpec GPU = AdaGpus.RTX_4090;
  private static final long SEED = RandomInputs.newSeed();
  private final EmulatorBackend emulator = new EmulatorBackend(Duration.ofMinutes(5));

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  private KernelProfile profile(String file, Map<String, Integer> sizes) {
    KernelSource source = KernelSource.load(Path.of("kernels", file));
    List<KernelProfile> profiles = emulator.profile(BoundKernel.bind(source, sizes, SEED));
    assertEquals(1, profiles.size());
    return profiles.get(0);
  }

  private TrafficBound.Result bound(String file, Map<String, Integer> sizes) {
    return TrafficBound.of(profile(file, sizes).traffic(), GPU);
  }

  @Test
  void aCopyIsBoundByItsCompulsoryBytesOverTheDramBandwidth() {
    int n = 8 * new SplittableRandom(SEED).nextInt(10_000, 40_000);
    KernelProfile p = profile("copy/01_copy.cu", Map.of("n", n));
    assertEquals(n / 8, p.uniqueSectorsRead(), "seed " + SEED);
    assertEquals(n / 8, p.uniqueSectorsWritten(), "seed " + SEED);
    TrafficBound.Result b = TrafficBound.of(p.traffic(), GPU);
    assertEquals(8.0 * n / 1008e9, b.terms().get(Limiter.DRAM), 1e-15, "seed " + SEED);
    assertEquals(0.0, b.terms().get(Limiter.FP32));
    assertEquals(Limiter.DRAM, b.limiter());
    assertEquals(b.terms().get(Limiter.DRAM), b.seconds());
  }

  /**
   * sgemm_shared_tiled at 64³: 4 blocks of 32 warps, 2 tiles of k. Per warp and tile: 2 coalesced 128-byte loads
   * (one L1 line each) and 2 conflict-free shared stores; per k step 2 shared loads of one wavefront (as[ty][i] is a
   * broadcast, bs[i][tx] a row); one 128-byte store per warp at the end.
   */
  @Test
  void aSharedTiledMatmulsTermsAreTheHandCountedOnes() {
    KernelProfile p = profile("matmul/03_shared_tiled.cu", Map.of("m", 64, "n", 64, "k", 64));
    long warps = 4 * 32;
    long shared = warps * (64 * 2 + 2 * 2);
    long l1 = warps * (2 * 2 + 1);
    long dram = 4L * (64 * 64 * 3);
    assertEquals(4, p.blocks());
    assertEquals(dram, p.compulsoryDramBytes());
    TrafficBound.Result b = TrafficBound.of(p.traffic(), GPU);
    double clock = 2.52e9;
    int sms = 4;
    assertEquals(sms, b.activeSms());
    assertEquals(shared / (sms * clock), b.terms().get(Limiter.SHARED), 1e-15);
    assertEquals(l1 / (sms * clock), b.terms().get(Limiter.L1), 1e-15);
    assertEquals(dram / 1008e9, b.terms().get(Limiter.DRAM), 1e-15);
    assertEquals(2.0 * 64 * 64 * 64 / (82.6e12 * sms / 128), b.terms().get(Limiter.FP32), 1e-15);
    assertEquals(0.0, b.terms().get(Limiter.TENSOR));
    assertEquals(Limiter.SHARED, b.limiter());
  }

  /**
   * At 1536×1536×32 every version's grid fills the 128 SMs (05 has 144 blocks): naive (strided A, 32 lines a
   * request) > coalesced (one line a request for A and B) > 2-D blocktile; shared tiled > blocktile.
   */
  @Test
  void theBoundRanksTheMatmulProgressionLikeAGpu() {
    Map<String, Integer> size = Map.of("m", 1536, "n", 1536, "k", 32);
    double naive = bound("matmul/01_naive.cu", size).seconds();
    double coalesced = bound("matmul/02_coalesced.cu", size).seconds();
    double shared = bound("matmul/03_shared_tiled.cu", size).seconds();
    TrafficBound.Result blocktile = bound("matmul/05_blocktile_2d.cu", size);
    String order = "naive " + naive + " s, coalesced " + coalesced + " s, shared " + shared + " s, blocktile_2d "
        + blocktile.seconds() + " s";
    assertEquals(128, blocktile.activeSms());
    assertTrue(naive > coalesced && coalesced > blocktile.seconds(), order);
    assertTrue(shared > blocktile.seconds(), order);
  }

  /** 32768 rows fill the GPU with softmax 01's 128 blocks; a thread per row reads 32 rows' lines per request. */
  @Test
  void theBoundRanksNaiveSoftmaxAboveTheWarpShuffleOne() {
    Map<String, Integer> size = Map.of("rows", 32768, "cols", 40);
    TrafficBound.Result naive = bound("softmax/01_naive.cu", size);
    TrafficBound.Result shuffle = bound("softmax/03_warp_shuffle.cu", size);
    assertTrue(naive.seconds() > shuffle.seconds(), naive + " vs " + shuffle);
    assertEquals(Limiter.L1, naive.limiter());
  }
}
