package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.LocalHeaders;
import dev.kernelplayground.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Device code is device code: a {@code __global__} or {@code __device__} function that calls a host-only
 * function ({@code system}, {@code fopen}, host {@code malloc}'s neighbours, {@code std::} host facilities, a
 * host function of its own file) is refused before the emulator compiles it, with the user's line, as nvcc
 * refuses it ("calling a __host__ function from a __global__ function is not allowed"). The emulator itself
 * compiles device code as ordinary C++, so without this step such a kernel would run those calls.
 *
 * <p>The check is clang's CUDA front end in syntax-only mode, device side only, against {@code
 * kp_device_check.h} (the C and C++ libraries as host functions; the CUDA device API — math, intrinsics,
 * printf, malloc/free, memcpy/memset, assert — as device functions). Only its "host function called from
 * device code" diagnostics count: whatever else clang does not know (fp16, wmma, the emulator's extras) is
 * left to the emulator's compiler. Host code (a {@code main}) is not looked at. Without clang++ the check is
 * skipped, and {@link #checker()} says so. Verdicts are cached by the source's hash.
 */
public final class DeviceCode {
  private DeviceCode() {}

  private static final List<String> CLANGS =
      List.of("clang++-19", "clang++-18", "clang++-17", "clang++-16", "clang++-15", "clang++");
  /** The CUDA headers a .cu may include: empty for the check (the prelude declares what they would). */
  private static final List<String> SDK_HEADERS = List.of(
      "cuda_runtime.h", "cuda.h", "cuda_fp16.h", "cuda_bf16.h", "mma.h", "math_constants.h", "device_launch_parameters.h",
      "cuda_runtime_api.h", "device_functions.h", "cooperative_groups.h", "crt/sm_70_rt.hpp");
  private static final Pattern DIAGNOSTIC = Pattern.compile("^(.*?):(\\d+):\\d+: (error|note): (.*)$");
  private static final Pattern REFERENCE = Pattern.compile("reference to __host__ function '([^']+)' in (__global__|__device__|__host__ __device__) function");
  private static final Pattern NO_MATCH = Pattern.compile("no matching function for call to '([^']+)'");
  private static final Pattern HOST_CANDIDATE = Pattern.compile("call to __host__ function from (__global__|__device__) function");

  private static volatile Optional<String> clang;
  /** Precompiled preludes this process failed to make: not tried again (a try costs a second). */
  private static final Set<Path> CANNOT_PRECOMPILE = ConcurrentHashMap.newKeySet();

  /** The clang++ that checks device code, or empty when there is none (the check is then skipped). */
  public static synchronized Optional<String> checker() {
    if (clang == null) {
      clang = CLANGS.stream().filter(DeviceCode::runs).findFirst();
    }
    return clang;
  }

  /**
   * Refuses {@code source} when its device code calls a host function.
   *
   * @param displayName the file name messages use
   * @param includeDir where its own {@code #include "..."} files are, or null
   * @throws EmulatorException COMPILE_ERROR naming the file, the line, the function called and the caller's kind
   */
  static void check(Toolchain toolchain, String source, String displayName, Path includeDir, List<String> headers) {
    Optional<String> compiler = checker();
    if (compiler.isEmpty()) {
      return;
    }
    String key = String.join("\0", compiler.get(), source, LocalHeaders.cacheKeyFolder(includeDir, headers), String.join("\0", headers));
    Path dir = toolchain.cacheDir.resolve("device-check").resolve(Toolchain.sha256(key).substring(0, 32));
    if (Files.isRegularFile(dir.resolve("ok"))) {
      return;
    }
    try {
      Path prelude = prelude(toolchain.cacheDir);
      Files.createDirectories(dir);
      Path file = dir.resolve("source.cu");
      Files.writeString(file, source);
      List<String> command = new ArrayList<>(clangCuda(compiler.get(), prelude));
      command.addAll(List.of("-fsyntax-only", "-ferror-limit=0", "-fno-caret-diagnostics", "-fno-color-diagnostics"));
      precompiled(compiler.get(), prelude).ifPresentOrElse(
          pch -> command.addAll(List.of("-include-pch", pch.toString())),
          () -> command.addAll(List.of("-include", prelude.toString())));
      if (includeDir != null) {
        command.add("-I" + includeDir);
      }
      command.add(file.toString());
      ChildProcess run = ChildProcess.of(command).readable(prelude.getParent(), dir).env("LC_ALL", "C").mergeStderr()
          .timeout(Duration.ofMinutes(2));
      if (includeDir != null) {
        run.readable(includeDir);
      }
      String refusal = refusal(run.run().stdout(), file.toString(), displayName);
      if (refusal != null) {
        throw new EmulatorException(EmulatorException.Kind.COMPILE_ERROR, refusal, null, null, null, displayName, line(refusal));
      }
      Files.writeString(dir.resolve("ok"), "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the device code of " + displayName, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + displayName, e);
    }
  }

  /** clang's CUDA front end, device side only, with no CUDA installation: the prelude's headers stand in for it. */
  private static List<String> clangCuda(String compiler, Path prelude) {
    return List.of(compiler, "-x", "cuda", "--cuda-device-only", "-nocudainc", "-nocudalib", "--cuda-path=/nonexistent",
        "--cuda-gpu-arch=sm_86", "-std=c++17", "-Wno-unknown-cuda-version", "-w", "-I" + prelude.getParent());
  }

  /**
   * The prelude precompiled by this clang (made once next to it), or empty when clang cannot make one: the check
   * then reads the prelude itself. Its C and C++ library headers are most of a check's time (0.33 s a file, 0.18 s
   * with the precompiled prelude, measured with clang 15).
   */
  private static Optional<Path> precompiled(String compiler, Path prelude) throws InterruptedException {
    Path pch = prelude.resolveSibling("kp_device_check-" + compiler + ".pch");
    if (Files.isRegularFile(pch)) {
      return Optional.of(pch);
    }
    if (CANNOT_PRECOMPILE.contains(pch)) {
      return Optional.empty();
    }
    try {
      Path staging = Files.createTempFile(prelude.getParent(), "pch-", ".partial");
      List<String> command = new ArrayList<>(clangCuda(compiler, prelude));
      // -S: with the PCH as its only output clang stops before the device assembler (ptxas) it would otherwise run
      command.addAll(List.of("-Xclang", "-emit-pch", "-S", "-o", staging.toString(), prelude.toString()));
      ChildProcess.Result made = ChildProcess.of(command).readable(prelude.getParent()).writable(prelude.getParent())
          .env("LC_ALL", "C").mergeStderr().timeout(Duration.ofMinutes(2)).run();
      if (!made.succeeded() || Files.size(staging) == 0) {
        Files.deleteIfExists(staging);
        CANNOT_PRECOMPILE.add(pch);
        return Optional.empty();
      }
      Files.move(staging, pch, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(pch);
    } catch (IOException cannotWrite) {
      CANNOT_PRECOMPILE.add(pch); // a read-only cache (a sandbox): the check reads the prelude itself
      return Optional.empty();
    }
  }

  /** Checks a .cu file's device code (its own includes found next to it); empty when there is nothing to refuse. */
  public static Optional<String> refusalOf(Path cuFile) throws IOException {
    String source = Files.readString(cuFile);
    Path dir = cuFile.toAbsolutePath().getParent();
    try {
      check(Toolchain.find().orElseThrow(() -> new IllegalStateException("no C++ compiler for the emulator")), source,
          cuFile.getFileName().toString(), dir, LocalHeaders.texts(dir, source));
      return Optional.empty();
    } catch (EmulatorException refused) {
      return Optional.of(refused.getMessage());
    }
  }

  /**
   * The refusal for clang's output, or null: every call from device code to a host function in the user's
   * file, one line each, e.g. "k.cu line 7: system() is a host function; a __global__ function cannot call it".
   */
  static String refusal(String clangOutput, String file, String displayName) {
    List<String> lines = new ArrayList<>();
    List<String> output = clangOutput.lines().toList();
    for (int i = 0; i < output.size(); i++) {
      Matcher d = DIAGNOSTIC.matcher(output.get(i));
      if (!d.matches() || !d.group(1).equals(file) || !d.group(3).equals("error")) {
        continue;
      }
      String message = d.group(4);
      Matcher reference = REFERENCE.matcher(message);
      String called = null;
      String caller = null;
      if (reference.find()) {
        called = reference.group(1);
        caller = reference.group(2);
      } else {
        Matcher noMatch = NO_MATCH.matcher(message);
        if (noMatch.find()) {
          List<String> notes = new ArrayList<>();
          for (int j = i + 1; j < output.size(); j++) {
            Matcher n = DIAGNOSTIC.matcher(output.get(j));
            if (n.matches() && n.group(3).equals("error")) {
              break;
            }
            if (n.matches()) {
              notes.add(n.group(4));
            }
          }
          Matcher host = notes.isEmpty() ? null : HOST_CANDIDATE.matcher(notes.get(0));
          if (host != null && host.find() && notes.stream().allMatch(n -> HOST_CANDIDATE.matcher(n).find())) {
            called = noMatch.group(1);
            caller = host.group(1);
          }
        }
      }
      if (called != null) {
        lines.add(displayName + " line " + d.group(2) + ": " + called + "() is a host function; a " + caller
            + " function cannot call it");
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    lines.add("(nvcc refuses it too: \"calling a __host__ function from a __global__ function is not allowed\"; device code "
        + "may call __device__ functions, the CUDA math library, printf, malloc/free and assert)");
    return String.join("\n", lines);
  }

  private static int line(String refusal) {
    Matcher m = Pattern.compile(" line (\\d+): ").matcher(refusal);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** kp_device_check.h and the empty CUDA headers, written once under the emulator's cache. */
  private static Path prelude(Path cacheDir) throws IOException {
    byte[] text;
    try (InputStream in = DeviceCode.class.getResourceAsStream("/devicecheck/kp_device_check.h")) {
      if (in == null) {
        throw new IllegalStateException("devicecheck/kp_device_check.h is missing from the build");
      }
      text = in.readAllBytes();
    }
    Path dir = cacheDir.resolve("device-check").resolve("include-" + Toolchain.sha256(new String(text, StandardCharsets.UTF_8)).substring(0, 16));
    Path prelude = dir.resolve("kp_device_check.h");
    if (!Files.isRegularFile(prelude)) {
      Path staging = Files.createTempDirectory(Files.createDirectories(dir.getParent()), "include-");
      for (String header : SDK_HEADERS) {
        Files.createDirectories(staging.resolve(header).getParent());
        Files.writeString(staging.resolve(header), "");
      }
      Files.write(staging.resolve("kp_device_check.h"), text);
      try {
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another process wrote the same headers first
      }
    }
    return prelude;
  }

  private static boolean runs(String compiler) {
    try {
      return ChildProcess.of(compiler, "--version").mergeStderr().timeout(Duration.ofSeconds(20)).run().succeeded();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
