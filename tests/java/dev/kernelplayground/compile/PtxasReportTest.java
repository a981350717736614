package dev.kernelplayground.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Captured {@code ptxas -v} outputs (tests/resources/compile) read back into numbers. */
class PtxasReportTest {
  static String resource(String name) throws IOException {
    try (InputStream in = PtxasReportTest.class.getResourceAsStream("/compile/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /compile/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void cuda13ThreeKernelsWithBarriers() throws IOException {
    List<ResourceReport> reports = PtxasReport.parse(resource("ptxas-13.0-attention-naive.txt"));
    assertEquals(List.of("attention_pv", "attention_softmax", "attention_scores"),
        reports.stream().map(ResourceReport::kernelName).toList());
    ResourceReport scores = reports.get(2);
    assertEquals(new ResourceReport("attention_scores", "attention_scores", 40, 0, 0, 0, 0, 0, 392), scores);
    assertFalse(scores.spills());
  }

  @Test
  void cuda13MangledNamesSharedMemoryAndStack() throws IOException {
    // t.cu: a C++ kernel with a 256-float __shared__ array and an extern "C" kernel with a local array.
    assertEquals(List.of(
            new ResourceReport("bar", "bar", 25, 0, 0, 0, 400, 0, 364),
            new ResourceReport("_Z3fooPKfPfi", "foo", 8, 1024, 0, 0, 0, 1, 372)),
        PtxasReport.parse(resource("ptxas-13.0-mangled.txt")));
  }

  @Test
  void cuda13SpillsAreTheEntrysNotTheCalleesOwn() throws IOException {
    // Compiled with --maxrregcount=32; the non-inlined helper's own "0 bytes spill" line follows the entry's.
    List<ResourceReport> reports = PtxasReport.parse(resource("ptxas-13.0-spills.txt"));
    assertEquals(List.of(new ResourceReport("_Z14many_registersPKfPfi", "many_registers", 32, 0, 1496, 1552, 608, 0, 372)),
        reports);
    ResourceReport r = reports.get(0);
    assertTrue(r.spills());
    assertTrue(r.summary().contains("SPILLS 1,496 B stored / 1,552 B loaded"), r.summary());
  }

  @Test
  void olderPtxasWithoutBarriersAndWithABuildLogPrefix() throws IOException {
    // CUDA 9.1 output in an MSBuild log, as posted in tpruvot/ccminer pull request #36: no "used N barriers",
    // a "cumulative stack size", cmem[2], and device functions between the entries.
    List<ResourceReport> reports = PtxasReport.parse(resource("ptxas-9.1-msbuild-excerpt.txt"));
    assertEquals(List.of(
            new ResourceReport("_Z14digit_last_wdcILj9ELj1248ELi9ELj2E13packer_cantorLj64ELj8ELj4EEvP4equiIXT_EXT0_EE",
                "digit_last_wdc", 255, 8192, 176, 312, 296, -1, 324),
            new ResourceReport("_Z7digit_4ILj9ELj1248ELi12E13packer_cantorLj2048ELj640EEvP4equiIXT_EXT0_EE",
                "digit_4", 55, 41480, 0, 0, 144, -1, 324)),
        reports);
    assertFalse(reports.get(1).spills());
  }

  @Test
  void aSectionWithoutRegistersIsAnError() {
    assertThrows(IllegalArgumentException.class,
        () -> PtxasReport.parse("ptxas info    : Compiling entry function 'k' for 'sm_89'\n"));
    assertEquals(List.of(), PtxasReport.parse("ptxas info    : 0 bytes gmem\n"));
  }

  @Test
  void demangling() {
    assertEquals("sgemm_naive", PtxasReport.demangle("_Z11sgemm_naivePKfS0_Pfiii"));
    assertEquals("vector_add", PtxasReport.demangle("vector_add"));
    assertEquals("_ZN5outer5innerEv", PtxasReport.demangle("_ZN5outer5innerEv"));
  }
}
