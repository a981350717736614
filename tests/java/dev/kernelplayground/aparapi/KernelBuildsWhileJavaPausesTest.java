package dev.kernelplayground.aparapi;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.process.ChildProcess;
import dev.kernelplayground.process.SignalChaining;
import dev.kernelplayground.testing.OpenCl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java kernels build on PoCL while other Java threads pause, as they do in every notebook: in a JVM started as
 * the playground starts its JVMs ({@link SignalChaining#environment()}) none fails; in a plain JVM they fail,
 * with PoCL's "unable to rename temporary" and an error that says what is missing and how to start Java.
 */
class KernelBuildsWhileJavaPausesTest {
  private static final int BUILDS = 30;

  @Test
  void withSignalChainingNoBuildFailsAndWithoutItTheErrorSaysWhy() throws Exception {
    OpenCl.firstDevice();
    String chained = child(SignalChaining.environment());
    System.out.println("as the playground starts Java: " + chained);
    assertTrue(chained.startsWith("chained=true builds=" + BUILDS + " failed=0"), chained);

    String plain = child(Map.of(SignalChaining.PRELOAD, ""));
    System.out.println("a plain JVM: " + plain);
    assertTrue(plain.startsWith("chained=false builds=" + BUILDS + " failed="), plain);
    // this PoCL (LLVM 15) fails nearly every build here; were it to fail none, this test would prove nothing
    assertFalse(plain.contains(" failed=0"), "no build failed without signal chaining: " + plain);
    assertContains(plain, "OpenCL compile failed", "perhaps not the kernel's fault",
        "started without the JDK's signal chaining", SignalChaining.PRELOAD + "=", "libjsig.so");
  }

  @Test
  void theTestsThemselvesRunWithIt() {
    assertTrue(SignalChaining.loaded(), "surefire starts the test JVM with LD_PRELOAD=libjsig (pom.xml)");
    assertEquals(null, SignalChaining.missingAdvice());
  }

  private static String child(Map<String, String> env) throws Exception {
    List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), KernelBuildsWhileJavaPauses.class.getName(),
        Integer.toString(BUILDS));
    ChildProcess.Result r = ChildProcess.of(command).env(env).timeout(Duration.ofMinutes(2)).run();
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    return r.stdout().lines().dropWhile(l -> !l.startsWith("chained=")).reduce((a, b) -> a + "\n" + b).orElse(r.stdout() + r.stderr());
  }
}
