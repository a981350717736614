package dev.kernelplayground.jcuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PTX text to load on a GPU and where it came from (a resource, a file, or a .cu file compiled by nvcc for
 * the GPU at hand), with the kernels (entries) it defines and the PTX ISA version it claims.
 *
 * @param origin where the PTX came from, in words, for error messages: "playground_kernels.cu (nvcc 13.0)"
 * @param text the PTX
 */
public record PtxSource(String origin, String text) {
  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(");
  private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\.version\\s+([0-9]+\\.[0-9]+)");
  private static final Pattern TARGET = Pattern.compile("(?m)^\\s*\\.target\\s+([\\w]+)");

  /** The backend's own kernels (vector add, float4 copy, tiled matmul) as PTX for sm_80 and newer. */
  public static final String PLAYGROUND_PTX = "/jcuda/playground_kernels.ptx";

  /** Their CUDA C source, compiled at run time when nvcc is here. */
  public static final String PLAYGROUND_CU = "/jcuda/playground_kernels.cu";

  public static PtxSource resource(String path) {
    try (InputStream in = PtxSource.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path + " on the class path");
      }
      return new PtxSource(path.substring(path.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resource " + path, e);
    }
  }

  public static PtxSource file(Path ptx) {
    try {
      return new PtxSource(ptx.toString(), Files.readString(ptx));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read PTX file " + ptx + ": " + e.getMessage(), e);
    }
  }

  /**
   * Compiles a .cu file with nvcc to PTX for {@code computeArch} (e.g. "compute_89"), with line info so
   * tools can point back at the source.
   *
   * @throws CudaCompileException with nvcc's messages (file:line: error: ...) when it does not compile
   * @throws CudaUnavailableException when there is no nvcc
   */
  public static PtxSource compile(Path cu, String computeArch) {
    Path nvcc =
        CudaAvailability.nvccPath()
            .orElseThrow(() -> new CudaUnavailableException(CudaAvailability.nvcc().detail()));
    try {
      Path out = Files.createTempFile("kp-", ".ptx");
      try {
        List<String> command =
            List.of(nvcc.toString(), "-ptx", "-lineinfo", "-arch=" + computeArch, "-o", out.toString(), cu.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new CudaCompileException(cu + ": nvcc did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
          throw new CudaCompileException(cu + " does not compile (nvcc -arch=" + computeArch + "):\n" + messages.strip());
        }
        return new PtxSource(cu.getFileName() + " (nvcc, " + computeArch + ")", Files.readString(out));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run nvcc on " + cu + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CudaCompileException("interrupted while nvcc compiled " + cu);
    }
  }

  /**
   * The backend's own kernels: compiled from their CUDA C by nvcc for {@code computeArch} when nvcc is
   * here, otherwise the committed PTX (made by tests/gpu/make-ptx.sh), which any driver from CUDA 11 on
   * loads.
   */
  public static PtxSource playground(String computeArch) {
    if (CudaAvailability.nvcc().present()) {
      try {
        Path cu = Files.createTempFile("playground_kernels-", ".cu");
        try (InputStream in = PtxSource.class.getResourceAsStream(PLAYGROUND_CU)) {
          Files.write(cu, in.readAllBytes());
          return compile(cu, computeArch);
        } finally {
          Files.deleteIfExists(cu);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return resource(PLAYGROUND_PTX);
  }

  /** The kernels this PTX defines, in order. */
  public List<String> entries() {
    List<String> names = new ArrayList<>();
    Matcher m = ENTRY.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The PTX ISA version it declares, e.g. "9.0". */
  public Optional<String> isaVersion() {
    Matcher m = VERSION.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The target it declares, e.g. "sm_80". */
  public Optional<String> target() {
    Matcher m = TARGET.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
