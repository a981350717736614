package dev.kernelplayground.picture;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.ada.SmLimits;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The hierarchy picture of every Ada part carries that part's numbers, and draws as many SMs as it has. */
class HierarchyPictureTest {
  static java.util.List<GpuSpec> parts() {
    return AdaGpus.all();
  }

  @ParameterizedTest
  @MethodSource("parts")
  void theNumbersOnThePictureAreThePartsOwn(GpuSpec gpu) {
    SmLimits sm = SmLimits.SM_89;
    SvgText svg = SvgText.of(new HierarchyPicture(gpu, sm));
    String text = svg.allText();
    int lanesPerPartition = gpu.fp32Lanes() / gpu.smCount() / sm.subPartitions();
    for (String wanted : new String[] {
        gpu.name(), gpu.smCount() + " SMs (" + gpu.chipSmCount() + " on a full " + gpu.chip() + ")",
        String.format(Locale.ROOT, "L2 cache: %d MB, shared by all %d SMs", gpu.l2CacheMB(), gpu.smCount()),
        "DRAM: " + gpu.memoryGB() + " GB " + gpu.memoryType(),
        String.format(Locale.ROOT, "%,.0f GB/s", gpu.memoryBandwidthGBps()),
        lanesPerPartition + " FP32 lanes", "L1 / shared memory: 128 KB", "shared: up to 100 KB per SM, 99 KB per block",
        String.format(Locale.ROOT, "%.0f MB", gpu.smCount() * 65536 * 4 / 1048576.0), // registers on the whole chip
        String.format(Locale.ROOT, "%.0f MB", gpu.smCount() * 128 * 1024 / 1048576.0)}) { // L1 on the whole chip
      assertTrue(text.contains(wanted), gpu.name() + ": '" + wanted + "' is not on the picture:\n" + text);
    }
    assertEquals(4, svg.texts().stream().filter(t -> t.startsWith("partition ")).count(), text);
    assertEquals(4, svg.texts().stream().filter(t -> t.equals("16,384 regs")).count(), text);
    // The chip grid: the SM opened up (darker) and the others; the lanes of the opened SM share the SMs' colour.
    assertEquals(1, svg.filled(HierarchyPicture.SM.darker()).size());
    assertEquals(gpu.smCount() - 1 + 4 * lanesPerPartition, svg.filled(HierarchyPicture.SM).size(), gpu.name());
  }

  @Test
  void anotherPartIsNotDrawnWithTheRtx4090sNumbers() {
    String text = SvgText.of(new HierarchyPicture(AdaGpus.RTX_4070, SmLimits.SM_89)).allText();
    assertFalse(text.contains("128 SMs") || text.contains("72 MB") || text.contains("1,008 GB/s"), text);
    assertTrue(text.contains("46 SMs") && text.contains("36 MB") && text.contains("504 GB/s"), text);
  }

  @Test
  void theTextViewCarriesTheSameNumbers() {
    String text = new HierarchyPicture(AdaGpus.RTX_4090, SmLimits.SM_89).describe();
    assertTrue(text.contains("128 SMs") && text.contains("16,384 registers (64 KB)") && text.contains("72 MB")
        && text.contains("24 GB") && text.contains("3.1 bytes"), text);
  }
}
