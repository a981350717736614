package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.LocalHeaders;
import dev.kernelplayground.device.Backend;
import dev.kernelplayground.device.BackendStatus;
import dev.kernelplayground.process.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;

/**
 * The CUDA emulator: runs raw CUDA C kernels on the CPU. A .cu file is compiled by the host C++ compiler
 * (g++ or clang++) against the project's emulation header; each launch runs the binary in a child process,
 * one fiber per CUDA thread, blocks spread over the CPU's cores. It checks what a GPU does not: every
 * out-of-bounds access of a kernel argument, a {@code __syncthreads()} reached by part of a block, a
 * kernel that never ends. docs/emulator.md describes it.
 *
 * <pre>{@code
 * EmulatedModule module = Emulator.compile(Path.of("kernels/matmul/02_tiled.cu"));
 * module.launch("matmul_tiled", new LaunchDims(cdiv(n, 16), cdiv(m, 16), 1, 16, 16, 1, 0),
 *     List.of(KernelArg.in(a), KernelArg.in(b), KernelArg.out(c), KernelArg.of(m), KernelArg.of(n), KernelArg.of(k)),
 *     Duration.ofSeconds(10));
 * }</pre>
 */
public final class Emulator {
  private Emulator() {}

  /** True when a C++ compiler is on PATH, so kernels can be compiled. */
  public static boolean available() {
    return Toolchain.find().isPresent();
  }

  /** What this machine offers for the emulator backend, for `kp devices` and the like. */
  public static BackendStatus status() {
    return Toolchain.find()
        .map(t -> new BackendStatus(Backend.EMULATOR, true, "C++ compiler: " + t.describe(),
            "yes: CUDA C kernels (.cu) on the CPU, with bounds checks (kp emulate; docs/emulator.md)"))
        .orElseGet(() -> new BackendStatus(Backend.EMULATOR, false,
            "no C++ compiler (g++ or clang++) on PATH; on Debian: apt-get install g++", "no"));
  }

  /** The compiler the emulator uses, e.g. "g++ 12.2.0", if any. */
  public static Optional<String> compiler() {
    return Toolchain.find().map(Toolchain::describe);
  }

  /** Compiles a .cu file; its own {@code #include "..."} files are found next to it. */
  public static EmulatedModule compile(Path cuFile) {
    return compile(cuFile, List.of());
  }

  /**
   * Compiles a .cu file with the given instantiations of its kernel templates, e.g. {@code
   * "matmul_blocktile<64, 64, 8>"}; each is launched by that name.
   */
  public static EmulatedModule compile(Path cuFile, List<String> templateInstances) {
    String source;
    try {
      source = Files.readString(cuFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cuFile, e);
    }
    return compile(cuFile, source, templateInstances);
  }

  /**
   * Compiles {@code source} as the file {@code cuFile} (its name is the one messages use; its own {@code
   * #include "..."} files are found next to it), without reading the file itself.
   */
  public static EmulatedModule compile(Path cuFile, String source, List<String> templateInstances) {
    Path dir = cuFile.toAbsolutePath().getParent();
    return compile(source, cuFile.getFileName().toString(), dir, templateInstances, LocalHeaders.texts(dir, source));
  }

  /** Whether the source is a whole program (it defines {@code main}) rather than kernels alone. */
  public static boolean isProgram(String source) {
    return CudaSource.definesMain(source);
  }

  /**
   * Compiles a whole program (a .cu file with its own {@code main}; its own {@code #include "..."} files are
   * found next to it) against the emulator's host runtime.
   */
  public static EmulatedProgram compileProgram(Path cuFile) {
    try {
      return compileProgram(cuFile, Files.readString(cuFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cuFile, e);
    }
  }

  /** As {@link #compileProgram(Path)}, with {@code source} as the file's text. */
  public static EmulatedProgram compileProgram(Path cuFile, String source) {
    Path dir = cuFile.toAbsolutePath().getParent();
    String displayName = cuFile.getFileName().toString();
    List<String> headers = LocalHeaders.texts(dir, source);
    Toolchain toolchain = toolchain();
    CudaSource.Rewritten rewritten = CudaSource.rewriteProgram(source, displayName, headers);
    Toolchain.Built built = toolchain.build(rewritten.text(), displayName, dir, headers, true, false);
    return new EmulatedProgram(displayName, built, rewritten.kernels(), toolchain.describe());
  }

  private static Toolchain toolchain() {
    return Toolchain.find()
        .orElseThrow(
            () -> EmulatorException.of(
                EmulatorException.Kind.COMPILE_ERROR,
                "the CUDA emulator needs a C++ compiler (g++ or clang++) on PATH; on Debian: apt-get install g++"));
  }

  /** Compiles CUDA C source; {@code displayName} (e.g. "tiled.cu") is the file name messages use. */
  public static EmulatedModule compile(String source, String displayName) {
    return compile(source, displayName, null, List.of());
  }

  public static EmulatedModule compile(String source, String displayName, List<String> templateInstances) {
    return compile(source, displayName, null, templateInstances);
  }

  private static EmulatedModule compile(String source, String displayName, Path includeDir, List<String> instances) {
    return compile(source, displayName, includeDir, instances, List.of());
  }

  private static EmulatedModule compile(
      String source, String displayName, Path includeDir, List<String> instances, List<String> headers) {
    Toolchain toolchain = toolchain();
    // A separate step, run beside the build (both are compilers, each mostly on one core): device code calls no
    // host function. Its refusal comes first, as if it had run first.
    FutureTask<Void> check = new FutureTask<>(() -> {
      DeviceCode.check(toolchain, source, displayName, includeDir, headers);
      return null;
    });
    Thread.ofVirtual().name("device-code check of " + displayName).start(check);
    Toolchain.Built built;
    CudaSource.Rewritten rewritten;
    try {
      rewritten = CudaSource.rewrite(source, displayName, instances, headers);
      built = toolchain.build(rewritten.text(), displayName, includeDir, headers, rewritten.hostRuntime(), false);
    } catch (RuntimeException failed) {
      awaitCheck(check, displayName);
      throw failed;
    }
    awaitCheck(check, displayName);
    return new EmulatedModule(displayName, built, rewritten.kernels(), rewritten.registered(), toolchain.describe(),
        new ProfiledBuild(toolchain, rewritten.text(), displayName, includeDir, headers, source));
  }

  /** Waits for the device-code check and throws what it threw (its refusal, or an error of its own). */
  private static void awaitCheck(FutureTask<Void> check, String displayName) {
    try {
      Futures.await(check);
    } catch (InterruptedException e) {
      check.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + displayName, e);
    }
  }
}
