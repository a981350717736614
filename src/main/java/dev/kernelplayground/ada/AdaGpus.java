package dev.kernelplayground.ada;

import dev.kernelplayground.ada.GpuSpec.Segment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Ada Lovelace parts this playground knows, the RTX 4090 first, with a forgiving lookup by name.
 *
 * <p>Sources, cited per figure below as:
 *
 * <ul>
 *   <li>[WP] NVIDIA Ada GPU Architecture whitepaper v2.02 or later, Appendix A tables (GeForce RTX 4090, RTX 4080)
 *       and their footnotes; v2.02 corrected the GeForce FP8 rows: FP8 with FP32 accumulate runs at half the FP8
 *       rate with FP16 accumulate on GeForce parts, as FP16 inputs do;
 *   <li>[4070] NVIDIA GeForce RTX 4070 family product page specifications;
 *   <li>[L4] NVIDIA L4 Tensor Core GPU datasheet;
 *   <li>[L40S] NVIDIA L40S datasheet;
 *   <li>[6000] NVIDIA RTX 6000 Ada Generation datasheet.
 * </ul>
 *
 * Tensor rates are dense; datasheets that only quote rates with 2:4 sparsity (marked *) are halved here. Where a
 * figure is derived rather than printed, the comment says how: every Ada SM has 128 FP32 lanes and 4 tensor
 * cores, and one tensor core does 256 dense FP16 FLOP per clock (512 for FP8) with FP16 accumulate — [WP], which is
 * how the RTX 4090's 512 × 256 × 2.52 GHz = 330.3 TFLOPS comes about. GeForce parts halve both FP16 and FP8 with
 * FP32 accumulate; workstation and data-center parts do not. The FP8 rate with FP16 accumulate is not a field:
 * it is twice the FP16-accumulate rate on every Ada part ({@link GpuSpec#peakFlops}).
 */
public final class AdaGpus {
  private AdaGpus() {}

  /** GeForce RTX 4090: 128 of AD102's 144 SMs enabled. */
  public static final GpuSpec RTX_4090 =
      new GpuSpec(
          "GeForce RTX 4090",
          "AD102", // [WP]
          144, // full AD102: 12 GPCs × 12 SMs, 18,432 FP32 lanes [WP]
          Segment.GEFORCE,
          "8.9", // CUDA C Programming Guide, "CUDA-Enabled GPUs" list
          128, // SMs [WP]
          16_384, // CUDA cores [WP]
          512, // 4th-gen tensor cores [WP]
          2.52, // boost clock 2520 MHz [WP]
          82.6, // peak FP32 TFLOPS (non-tensor) [WP]
          165.2, // peak FP16 / BF16 tensor TFLOPS with FP32 accumulate, dense (330.4 sparse) [WP]
          330.3, // peak FP16 tensor TFLOPS with FP16 accumulate, dense (660.6 sparse) [WP]
          330.3, // peak FP8 tensor TFLOPS with FP32 accumulate, dense (660.6 sparse) [WP v2.02 correction];
                 // with FP16 accumulate 660.6 (1321.2 sparse) [WP]: GeForce halves FP32 accumulate for FP8 too
          "GDDR6X", // [WP]
          1008, // GB/s: 384-bit × 21 Gbps / 8 [WP]
          72, // L2 73,728 KB [WP]
          24, // GB [WP]
          450); // total graphics power, W [WP]

  /** GeForce RTX 4080 (16 GB): 76 of AD103's 80 SMs. */
  public static final GpuSpec RTX_4080 =
      new GpuSpec(
          "GeForce RTX 4080",
          "AD103", // [WP]
          80, // full AD103 [WP]
          Segment.GEFORCE,
          "8.9",
          76, // SMs [WP]
          9_728, // CUDA cores [WP]
          304, // tensor cores [WP]
          2.505, // boost clock 2505 MHz [WP]
          48.7, // peak FP32 TFLOPS [WP]
          97.5, // FP16 / BF16 tensor, FP32 accumulate, dense — half rate on GeForce [WP]
          194.9, // FP16 tensor, FP16 accumulate, dense [WP]
          194.9, // FP8 tensor, FP32 accumulate, dense (389.9 sparse) [WP v2.02 correction]; 389.9 with FP16 accumulate
          "GDDR6X", // [WP]
          716.8, // GB/s: 256-bit × 22.4 Gbps / 8 [WP]
          64, // L2 65,536 KB [WP]
          16, // GB [WP]
          320); // TGP, W [WP]

  /** GeForce RTX 4070: 46 of AD104's 60 SMs. */
  public static final GpuSpec RTX_4070 =
      new GpuSpec(
          "GeForce RTX 4070",
          "AD104", // [4070]
          60, // full AD104 (as in the RTX 4070 Ti / L4 die) [WP] chip table
          Segment.GEFORCE,
          "8.9",
          46, // SMs: 5,888 CUDA cores / 128 per SM [4070]
          5_888, // CUDA cores [4070]
          184, // tensor cores: 46 SMs × 4 (derived)
          2.475, // boost clock 2475 MHz ([4070] rounds it to 2.48 GHz)
          29.1, // peak FP32 TFLOPS: 5,888 × 2 × 2.475 GHz ([4070] rounds it to 29 "shader TFLOPS")
          58.3, // FP16 / BF16 tensor, FP32 accumulate: half of the FP16-accumulate rate (derived, GeForce)
          116.6, // FP16 tensor, FP16 accumulate: 184 × 256 × 2.475 GHz (derived; [4070] 466 FP8 sparse "AI TOPS" / 4)
          116.6, // FP8 tensor, FP32 accumulate, dense: half of the FP16-accumulate FP8 rate (derived, GeForce, as [WP]
                 // v2.02 gives it for the 4090 and 4080); FP16 accumulate 233.2 = 466 AI TOPS* / 2 [4070]
          "GDDR6X", // [4070]
          504, // GB/s: 192-bit × 21 Gbps / 8 [4070]
          36, // L2 MB: AD104 with 3 of its 4 × 12 MB L2 slices (reviewers' guide figure; not on [4070])
          12, // GB [4070]
          200); // total graphics power, W [4070]

  /** NVIDIA L4: low-profile 72 W data-center card, 58 of AD104's 60 SMs. */
  public static final GpuSpec L4 =
      new GpuSpec(
          "NVIDIA L4",
          "AD104", // [L4]
          60,
          Segment.DATA_CENTER,
          "8.9",
          58, // SMs: 7,424 CUDA cores / 128 (derived)
          7_424, // CUDA cores (L4 product brief)
          232, // tensor cores: 58 × 4 (derived)
          2.04, // boost clock 2040 MHz (L4 product brief)
          30.3, // FP32 TFLOPS [L4]
          121.0, // FP16 / BF16 tensor TFLOPS: 242* / 2 [L4]; not halved for FP32 accumulate
          121.0, // FP16 tensor with FP16 accumulate: same rate [L4]
          242.5, // FP8 tensor TFLOPS: 485* / 2 [L4]
          "GDDR6", // [L4]
          300, // GB/s [L4]
          48, // L2 MB (L4 product brief)
          24, // GB [L4]
          72); // max TDP, W [L4]

  /** NVIDIA L40S: data-center AD102, 142 of 144 SMs. */
  public static final GpuSpec L40S =
      new GpuSpec(
          "NVIDIA L40S",
          "AD102", // [L40S]
          144,
          Segment.DATA_CENTER,
          "8.9",
          142, // SMs: 18,176 CUDA cores / 128, and 142 RT cores (1 per SM) [L40S]
          18_176, // CUDA cores [L40S]
          568, // 4th-gen tensor cores [L40S]
          2.52, // boost clock 2520 MHz (L40S product brief)
          91.6, // FP32 TFLOPS [L40S]
          362.05, // FP16 / BF16 tensor TFLOPS, dense [L40S] (733* sparse); full rate with FP32 accumulate
          362.05, // FP16 tensor TFLOPS, FP16 accumulate: same [L40S]
          733, // FP8 tensor TFLOPS, dense [L40S] (1,466* sparse)
          "GDDR6 ECC", // [L40S]
          864, // GB/s [L40S]
          96, // L2 MB (L40S product brief)
          48, // GB [L40S]
          350); // max power, W [L40S]

  /** NVIDIA RTX 6000 Ada Generation: workstation AD102, 142 of 144 SMs. */
  public static final GpuSpec RTX_6000_ADA =
      new GpuSpec(
          "RTX 6000 Ada Generation",
          "AD102", // [6000]
          144,
          Segment.WORKSTATION,
          "8.9",
          142, // SMs: 18,176 CUDA cores / 128, 142 RT cores [6000]
          18_176, // CUDA cores [6000]
          568, // tensor cores [6000]
          2.505, // boost clock 2505 MHz (derived: 91.1 TFLOPS / (18,176 × 2); also the product page figure)
          91.1, // FP32 TFLOPS [6000]
          364.25, // FP16 / BF16 tensor, dense: 1,457.0* FP8 sparse TFLOPS / 4 (derived); not halved
          364.25, // FP16 tensor with FP16 accumulate: same (derived)
          728.5, // FP8 tensor, dense: "Tensor performance 1,457.0 TFLOPS"* / 2 [6000]
          "GDDR6 ECC", // [6000]
          960, // GB/s [6000]
          96, // L2 MB (derived: full AD102 L2, as in L40S)
          48, // GB [6000]
          300); // max power, W [6000]

  private static final List<GpuSpec> ALL = List.of(RTX_4090, RTX_4080, RTX_4070, L4, L40S, RTX_6000_ADA);

  /** All known parts, RTX 4090 first, then GeForce, data-center and workstation parts. */
  public static List<GpuSpec> all() {
    return ALL;
  }

  /**
   * Finds a part by a forgiving name: case, spaces, dashes and the words "NVIDIA", "GeForce", "RTX", "Generation"
   * do not matter, so "4090", "rtx-4090", "GeForce RTX 4090", "l40s", "6000 ada" and "rtx6000ada" all work.
   */
  public static Optional<GpuSpec> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = key(name);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    for (GpuSpec spec : ALL) {
      String k = key(spec.name());
      if (k.equals(wanted) || (spec == RTX_6000_ADA && wanted.equals("6000"))) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }

  /** Like {@link #find} but throws {@link IllegalArgumentException} listing the known names. */
  public static GpuSpec byName(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown GPU '" + name + "'; known: " + knownNames()));
  }

  /** Short names accepted by {@link #find}, comma separated. */
  public static String knownNames() {
    return "4090, 4080, 4070, l4, l40s, 6000-ada";
  }

  private static String key(String name) {
    String k = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    for (String word : new String[] {"nvidia", "geforce", "rtx", "generation"}) {
      k = k.replace(word, "");
    }
    return k;
  }
}
