package dev.kernelplayground.lessons;

import dev.kernelplayground.compile.CompileResult;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.compile.CudaToolkit;
import dev.kernelplayground.compile.PtxasReport;
import dev.kernelplayground.cudasource.KernelLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * sm_89 compile reports recorded with nvcc and committed under {@code lessons/recorded/}, so that a lesson's
 * compile-report cells show real ptxas figures on a laptop without the CUDA toolkit, labelled as recorded (with
 * the nvcc version and the date). A recording is found by a hash of the exact CUDA source and architecture: a
 * changed kernel has no recording until someone with nvcc runs the lesson again with {@code KP_RECORD_REPORTS=1}
 * (or {@code ./kp notebook run} on it), which writes one beside the others.
 *
 * <p>A file holds two comment lines ({@code # nvcc ...}, {@code # recorded ...}) and then ptxas' verbose output
 * exactly as the compile printed it; {@link PtxasReport#parse} reads it as it reads a live compile's.
 */
public final class RecordedReports {
  /** Set to 1 to write (or refresh) the recording of every report compiled live. */
  public static final String RECORD_VARIABLE = "KP_RECORD_REPORTS";

  /** A recorded report: the compile result rebuilt from ptxas' output, and where and when it was recorded. */
  public record Recorded(CompileResult result, String nvcc, String date, Path file) {
    /** One line saying that this report was recorded, not compiled here. */
    public String label() {
      return LABEL + ": " + nvcc + ", " + date + ", " + file.getFileName();
    }
  }

  /** How a recorded report's label begins. */
  public static final String LABEL = "recorded sm_89 report (no CUDA toolkit here)";

  private RecordedReports() {}

  /** The folder of recordings: lessons/recorded/ beside the kernels/ library. */
  public static Path folder() {
    return KernelLibrary.find().root().toAbsolutePath().getParent().resolve("lessons").resolve("recorded");
  }

  /** The recording of this source for this architecture, if one is committed. */
  public static Optional<Recorded> find(Path file, String source, String arch) {
    Path recorded = recordingOf(source, arch);
    if (!Files.isRegularFile(recorded)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(recorded, StandardCharsets.UTF_8);
      String nvcc = lines.get(0).replaceFirst("^# ", "");
      String date = lines.get(1).replaceFirst("^# recorded ", "");
      String log = String.join("\n", lines.subList(2, lines.size())) + "\n";
      CompileResult result = new CompileResult(file.toString(), arch, "", log, PtxasReport.parse(log), List.of(),
          Duration.ZERO, true);
      return Optional.of(new Recorded(result, nvcc, date, recorded));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the recorded report " + recorded, e);
    }
  }

  /**
   * The sm_89 report of a library file or of a source: compiled live where the CUDA toolkit is (and recorded when
   * {@link #RECORD_VARIABLE} is 1), else the committed recording, said so on standard output (a notebook shows it
   * under the cell).
   *
   * @throws IllegalStateException when there is neither a toolkit nor a recording
   */
  public static CompileResult compile(Path file, String source) {
    Optional<CudaToolkit> toolkit = CudaToolkit.find();
    if (toolkit.isPresent()) {
      CompileResult live = CudaCompiler.onThisMachine().compile(file, source, CudaCompiler.SM_89);
      recordIfAsked(toolkit.get(), source, live);
      return live;
    }
    Recorded recorded = find(file, source, CudaCompiler.SM_89).orElseThrow(() -> new IllegalStateException(
        "no CUDA toolkit here (" + CudaToolkit.whereLooked() + ") and no recorded sm_89 report of " + file.getFileName()
            + " in " + folder() + ": run the lesson once where nvcc is, with " + RECORD_VARIABLE + "=1"));
    System.out.println(file.getFileName() + ": " + recorded.label());
    return recorded.result();
  }

  /** {@link #compile(Path, String)} of a file as it is on disk. */
  public static CompileResult compile(Path file) {
    try {
      return compile(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** Writes the recording of a live compile when {@link #RECORD_VARIABLE} is 1. */
  public static void recordIfAsked(CudaToolkit toolkit, String source, CompileResult live) {
    if (!"1".equals(System.getenv(RECORD_VARIABLE))) {
      return;
    }
    Path recorded = recordingOf(source, live.arch());
    String text = "# nvcc " + toolkit.version() + "\n# recorded " + LocalDate.now() + "\n" + live.ptxasLog().strip() + "\n";
    try {
      Files.createDirectories(recorded.getParent());
      Files.writeString(recorded, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("recording " + recorded, e);
    }
  }

  private static Path recordingOf(String source, String arch) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(arch.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(source.getBytes(StandardCharsets.UTF_8));
      return folder().resolve(arch + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + ".ptxas");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
