package dev.kernelplayground.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LD_PRELOAD a JVM of a JDK is started with: libjsig first, what was preloaded kept, nothing twice. */
class SignalChainingTest {
  @TempDir Path jdk;

  @Test
  void libjsigComesFirstAndWhatWasPreloadedStays() throws Exception {
    Path lib = Files.createDirectories(jdk.resolve("lib")).resolve("libjsig.so");
    assertEquals(Map.of(), SignalChaining.environment(jdk, null), "a JDK without libjsig: nothing to add");
    Files.writeString(lib, "");
    assertEquals(Map.of("LD_PRELOAD", lib.toString()), SignalChaining.environment(jdk, null));
    assertEquals(Map.of("LD_PRELOAD", lib.toString()), SignalChaining.environment(jdk, " "));
    assertEquals(Map.of("LD_PRELOAD", lib + ":/opt/other.so"), SignalChaining.environment(jdk, "/opt/other.so"));
    assertEquals(Map.of("LD_PRELOAD", "/opt/other.so " + lib), SignalChaining.environment(jdk, "/opt/other.so " + lib));
  }

  @Test
  void theScriptsPreloadItAsTheJavaSideDoes() throws Exception {
    Path lib = Files.writeString(Files.createDirectories(jdk.resolve("lib")).resolve("libjsig.so"), "");
    // kp and the bench scripts: twice, as a kp started from a kp would
    String script = ". scripts/find-jdk.sh; LD_PRELOAD=/opt/other.so; kp_signal_chaining \"$1\"; kp_signal_chaining \"$1\";"
        + " echo \"$LD_PRELOAD\"; unset LD_PRELOAD; kp_signal_chaining \"$1/nowhere\"; echo \"[${LD_PRELOAD:-}]\"";
    ChildProcess.Result r = ChildProcess.of(List.of("bash", "-c", script, "bash", jdk.toString())).run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(SignalChaining.environment(jdk, "/opt/other.so").get("LD_PRELOAD") + "\n[]\n", r.stdout(), lib.toString());
  }
}
