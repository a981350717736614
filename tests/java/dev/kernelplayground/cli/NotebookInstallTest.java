package dev.kernelplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kp notebook install --java-option}: the options land between java's own and -jar, in order. */
class NotebookInstallTest {
  @Test
  void javaOptionsGoBeforeTheJar() {
    List<String> launcher =
        NotebookCommand.launcher(Path.of("/jdk/bin/java"), List.of("-XX:+UseSerialGC", "-Xmx512m"), Path.of("/kp/target/kp.jar"));
    assertEquals(List.of("/jdk/bin/java", "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
        "-XX:+UseSerialGC", "-Xmx512m", "-jar", "/kp/target/kp.jar"), launcher);
  }
}
