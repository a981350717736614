package dev.kernelplayground.lessons;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.compile.CompileResult;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.compile.PtxasReport;
import dev.kernelplayground.cudasource.KernelLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sm_89 reports recorded with nvcc for laptops without the CUDA toolkit: each names the nvcc that made it and
 * the date, and holds ptxas output that parses into kernels with registers; where nvcc is here, a recording agrees
 * with a live compile of the same source.
 */
class RecordedReportsTest {
  @Test
  void everyRecordingNamesItsNvccAndDateAndParses() throws Exception {
    List<Path> recordings;
    try (Stream<Path> files = Files.list(RecordedReports.folder())) {
      recordings = files.filter(f -> f.toString().endsWith(".ptxas")).toList();
    }
    assertFalse(recordings.isEmpty(), "no recordings under " + RecordedReports.folder());
    for (Path r : recordings) {
      List<String> lines = Files.readAllLines(r);
      assertTrue(lines.get(0).startsWith("# nvcc ") && lines.get(0).contains("release"), r + ": " + lines.get(0));
      assertTrue(lines.get(1).matches("# recorded \\d{4}-\\d{2}-\\d{2}"), r + ": " + lines.get(1));
      var kernels = PtxasReport.parse(String.join("\n", lines.subList(2, lines.size())));
      assertFalse(kernels.isEmpty(), r + " holds no kernel report");
      kernels.forEach(k -> assertTrue(k.registers() > 0, r + ": " + k));
    }
  }

  @Test
  void lessonFivesRecordingIsFoundForItsSourceAndAgreesWithNvcc() throws Exception {
    Path file = KernelLibrary.find().root().resolve("matmul/04_blocktile_1d.cu");
    String source = Files.readString(file);
    var recorded = RecordedReports.find(file, source, CudaCompiler.SM_89).orElseThrow(
        () -> new AssertionError("lesson 5 reads 04_blocktile_1d's sm_89 report: no recording for its source"));
    assertTrue(recorded.label().startsWith("recorded sm_89 report (no CUDA toolkit here): nvcc release"), recorded.label());
    assertTrue(RecordedReports.find(file, source + "\n// changed", CudaCompiler.SM_89).isEmpty(), "a changed source has no recording");
    Assumptions.assumeTrue(CudaToolkit.find().isPresent(), "no nvcc here to compare the recording with");
    CompileResult live = CudaCompiler.onThisMachine().compile(file, source, CudaCompiler.SM_89);
    var liveKernel = live.kernel("sgemm_blocktile_1d").orElseThrow();
    var recordedKernel = recorded.result().kernel("sgemm_blocktile_1d").orElseThrow();
    assertEquals(liveKernel.registers(), recordedKernel.registers(), "registers, recorded with " + recorded.nvcc());
    assertEquals(liveKernel.staticSharedBytes(), recordedKernel.staticSharedBytes());
  }
}
