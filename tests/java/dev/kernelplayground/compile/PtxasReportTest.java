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
    List<ResourceReport> reports = PtxasReport.parse(resource("ptxas-13.0-mangled.txt"));
    assertEquals(2, reports.size());
    ResourceReport bar = reports.get(0);
    assertEquals("bar", bar.kernelName());
    assertEquals(25, bar.registers());
    assertEquals(400, bar.stackFrameBytes());
    ResourceReport foo = reports.get(1);
    assertEquals("_Z3fooPKfPfi", foo.function());
    assertEquals("foo", foo.kernelName());
    assertEquals(8, foo.registers());
    assertEquals(1024, foo.staticSharedBytes());
    assertEquals(1, foo.barriers());
    assertEquals(372, foo.constantBytes());
  }

  @Test
  void cuda13SpillsAreTheEntrysNotTheCalleesOwn() throws IOException {
    // Compiled with --maxrregcount=32; the non-inlined helper's own "0 bytes spill" line follows the entry's.
    List<ResourceReport> reports = PtxasReport.parse(resource("ptxas-13.0-spills.txt"));
    assertEquals(1, reports.size());
    ResourceReport r = reports.get(0);
    assertEquals("many_registers", r.kernelName());
    assertEquals(32, r.registers());
    assertEquals(1496, r.spillStoreBytes());
    assertEquals(1552, r.spillLoadBytes());
    assertEquals(608, r.stackFrameBytes());
    assertTrue(r.spills());
    assertTrue(r.summary().contains("SPILLS 1,496 B stored / 1,552 B loaded"), r.summary());
  }

  @Test
  void olderPtxasWithoutBarriersAndWithABuildLogPrefix() throws IOException {
    // CUDA 9.1 output in an MSBuild log, as posted in tpruvot/ccminer pull request #36: no "used N barriers",
    // a "cumulative stack size", cmem[2], and device functions between the entries.
    List<ResourceReport> reports = PtxasReport.parse(resource("ptxas-9.1-msbuild-excerpt.txt"));
    assertEquals(2, reports.size());
    ResourceReport first = reports.get(0);
    assertEquals("digit_last_wdc", first.kernelName());
    assertEquals(255, first.registers());
    assertEquals(8192, first.staticSharedBytes());
    assertEquals(176, first.spillStoreBytes());
    assertEquals(312, first.spillLoadBytes());
    assertEquals(296, first.stackFrameBytes());
    assertEquals(-1, first.barriers());
    assertEquals(324, first.constantBytes());
    ResourceReport second = reports.get(1);
    assertEquals("digit_4", second.kernelName());
    assertEquals(55, second.registers());
    assertEquals(41480, second.staticSharedBytes());
    assertEquals(144, second.stackFrameBytes());
    assertFalse(second.spills());
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
