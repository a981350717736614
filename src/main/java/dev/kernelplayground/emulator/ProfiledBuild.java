package dev.kernelplayground.emulator;

import java.nio.file.Path;
import java.util.List;

/**
 * The instrumented build of a kernel file that profiling launches run, made when the first one needs it (a plain
 * run never pays for it), and the file's lines for the profile's table.
 */
final class ProfiledBuild {
  private final Toolchain toolchain;
  private final String rewritten;
  private final String displayName;
  private final Path includeDir;
  private final List<String> headers;
  private final List<String> sourceLines;
  private volatile Toolchain.Built built;

  ProfiledBuild(Toolchain toolchain, String rewritten, String displayName, Path includeDir, List<String> headers,
      String source) {
    this.toolchain = toolchain;
    this.rewritten = rewritten;
    this.displayName = displayName;
    this.includeDir = includeDir;
    this.headers = headers;
    this.sourceLines = source.lines().toList();
  }

  boolean possible() {
    return toolchain.canProfile();
  }

  synchronized Toolchain.Built get() {
    if (built == null) {
      built = toolchain.build(rewritten, displayName, includeDir, headers, false, true);
    }
    return built;
  }

  List<String> sourceLines() {
    return sourceLines;
  }
}
