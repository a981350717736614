package dev.kernelplayground.notebook;

import com.google.gson.GsonBuilder;
import dev.kernelplayground.process.SignalChaining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernelspec that tells Jupyter how to start the playground's kernel: {@code kernel.json} in
 * {@code ~/.local/share/jupyter/kernels/kernel-playground} (user level) or a given folder. It names this
 * JDK and this jar, asks for interrupts as messages — with the default (SIGINT) an interrupt would kill
 * the JVM instead of stopping the cell — and starts the JVM with the JDK's signal chaining
 * ({@link SignalChaining}), without which Java kernels on PoCL fail to build now and then.
 */
public final class JupyterKernelSpec {
  public static final String NAME = "kernel-playground";

  private JupyterKernelSpec() {}

  /** The user-level kernels folder Jupyter searches: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter. */
  public static Path userKernelsDir() {
    String data = System.getenv("JUPYTER_DATA_DIR");
    Path base = data != null && !data.isBlank() ? Path.of(data) : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter");
    return base.resolve("kernels");
  }

  /**
   * The kernel.json content for a kernel started as {@code LAUNCHER... notebook kernel [OPTIONS...] FILE},
   * where the launcher is e.g. {@code java [options] -jar kp.jar}; options {@code --sandbox ...} start it in a
   * sandbox ({@link SandboxedKernel}).
   */
  public static String json(List<String> launcher, List<String> kernelOptions) {
    List<String> argv = new ArrayList<>(launcher);
    argv.addAll(List.of("notebook", "kernel"));
    argv.addAll(kernelOptions);
    argv.add("{connection_file}");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", kernelOptions.contains("--sandbox") ? "Java (Kernel Playground, sandboxed)" : "Java (Kernel Playground)");
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    Map<String, String> env = SignalChaining.environment();
    if (!env.isEmpty()) {
      spec.put("env", env);
    }
    spec.put("metadata", Map.of("debugger", false));
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
  }

  /** Writes the kernelspec into {@code kernelsDir/kernel-playground/kernel.json}, atomically; returns its path. */
  public static Path install(Path kernelsDir, List<String> launcher) throws IOException {
    return install(kernelsDir, launcher, List.of());
  }

  /**
   * Writes the kernelspec for {@code LAUNCHER... notebook kernel KERNEL_OPTIONS... FILE}, readable by everyone;
   * returns its path.
   */
  public static Path install(Path kernelsDir, List<String> launcher, List<String> kernelOptions) throws IOException {
    Path dir = kernelsDir.resolve(NAME);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path target = dir.resolve("kernel.json");
    Path temp = Files.createTempFile(dir, "kernel", ".json.tmp");
    Files.writeString(temp, json(launcher, kernelOptions));
    // a temporary file is its owner's alone; a kernelspec is read by every user who starts the kernel (installed
    // system-wide, by each learner's server)
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }
}
