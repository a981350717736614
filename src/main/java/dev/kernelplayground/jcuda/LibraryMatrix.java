package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.cudasource.ReferenceCheck;
import dev.kernelplayground.jcuda.MatrixEntry.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernels/ library in the GPU checks and benchmark matrix: one {@link MatrixEntry} per file, named by its
 * id ("matmul/07_warptile"), each size bound with {@link BoundKernel#bind} and prepared by the session ({@link
 * GpuSession#prepare}).
 * A file whose header does not parse becomes an entry whose every row is that error, so one broken file does
 * not hide the others.
 *
 * <p>Benchmark sizes: fp32 and fp16 matmuls at 1024³, 2048³, 4096³ (against cuBLAS SGEMM and HGEMM); vector
 * add and copy at 2^24 and 2^26 floats; softmax at 4096×4096 and 8192×8192 (as many elements as the copies);
 * attention at batch×heads×seq×dim 4×16×1024×64 and 2×8×4096×64, not causal. Quick: 256³ and 512³, 2^20,
 * 1024×1024, 1×8×256×64 and 1×8×1024×64.
 */
public final class LibraryMatrix {
  /** The kernel whose bandwidth softmax is compared with. */
  static final String COPY = "copy/01_copy";

  /** The kernel attention's speed-ups are over. */
  static final String NAIVE_ATTENTION = "attention/01_naive";

  private LibraryMatrix() {}

  /** Every file once, at an odd shape (attention causal), for the checks. */
  public static List<MatrixEntry> checks(KernelLibrary library) {
    List<MatrixEntry> entries = new ArrayList<>();
    for (var file : library.allFiles()) {
      entries.add(entry(file, true, false));
    }
    return entries;
  }

  /** Every file at the benchmark sizes. */
  public static List<MatrixEntry> benchmarks(KernelLibrary library, boolean quick) {
    List<MatrixEntry> entries = new ArrayList<>();
    for (var file : library.allFiles()) {
      entries.add(entry(file, false, quick));
    }
    return entries;
  }

  private static MatrixEntry entry(java.nio.file.Path file, boolean check, boolean quick) {
    KernelSource source;
    try {
      source = KernelSource.load(file);
    } catch (IllegalArgumentException e) {
      String id = file.getParent().getFileName() + "/" + file.getFileName().toString().replaceFirst("\\.cu$", "");
      return MatrixEntry.of(id, Family.MEMORY, List.of(new int[] {0}), (session, size, seed) -> {
        throw e;
      });
    }
    ReferenceCheck reference = source.header().check();
    boolean causal = check && isAttention(reference);
    String name = source.id() + (causal ? ", causal" : "");
    List<int[]> sizes = check ? checkSizes(reference) : benchmarkSizes(reference, quick);
    return MatrixEntry.of(name, family(reference), sizes,
        (session, size, seed) -> session.prepare(BoundKernel.bind(source, sizes(reference, size, causal), seed)));
  }

  /** The family a check's timings are compared within. */
  static Family family(ReferenceCheck check) {
    return switch (check) {
      case VECTOR_ADD, COPY -> Family.MEMORY;
      case MATMUL -> Family.MATMUL_FP32;
      case MATMUL_FP16 -> Family.MATMUL_FP16;
      case SOFTMAX -> Family.SOFTMAX;
      case ATTENTION, ATTENTION_FP16 -> Family.ATTENTION;
    };
  }

  static List<int[]> checkSizes(ReferenceCheck check) {
    return switch (check) {
      case VECTOR_ADD, COPY -> MatrixEntry.lengths(1_000_003);
      case MATMUL, MATMUL_FP16 -> List.of(new int[] {333, 517, 259});
      case SOFTMAX -> List.of(new int[] {333, 1031});
      case ATTENTION, ATTENTION_FP16 -> List.of(new int[] {2, 3, 177, 64});
    };
  }

  static List<int[]> benchmarkSizes(ReferenceCheck check, boolean quick) {
    return switch (check) {
      case VECTOR_ADD, COPY -> quick ? MatrixEntry.lengths(1 << 20) : MatrixEntry.lengths(1 << 24, 1 << 26);
      case MATMUL, MATMUL_FP16 -> quick ? MatrixEntry.squares(256, 512) : MatrixEntry.squares(1024, 2048, 4096);
      case SOFTMAX -> quick ? List.of(new int[] {1024, 1024}) : List.of(new int[] {4096, 4096}, new int[] {8192, 8192});
      case ATTENTION, ATTENTION_FP16 -> quick
          ? List.of(new int[] {1, 8, 256, 64}, new int[] {1, 8, 1024, 64})
          : List.of(new int[] {4, 16, 1024, 64}, new int[] {2, 8, 4096, 64});
    };
  }

  /** The size array as the header's named sizes; attention's {@code causal} comes from the flag. */
  static Map<String, Integer> sizes(ReferenceCheck check, int[] size, boolean causal) {
    Map<String, Integer> named = new LinkedHashMap<>();
    List<String> names = check.sizeNames();
    for (int i = 0; i < size.length; i++) {
      named.put(names.get(i), size[i]);
    }
    if (isAttention(check)) {
      named.put("causal", causal ? 1 : 0);
    }
    return named;
  }

  private static boolean isAttention(ReferenceCheck check) {
    return check == ReferenceCheck.ATTENTION || check == ReferenceCheck.ATTENTION_FP16;
  }
}
