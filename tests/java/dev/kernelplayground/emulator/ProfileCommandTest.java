package dev.kernelplayground.emulator;

import static dev.kernelplayground.emulator.EmulatorFixtures.kernel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kernelplayground.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kp emulate --profile} and {@code --profile-json}: the per-line table, the bound's label, the JSON shape. */
class ProfileCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void needsCompiler() {
    EmulatorFixtures.assumeCompiler();
  }

  @Test
  void emulateProfilePrintsLinesTotalsAndALabelledBoundAndWritesTheJsonShape() throws Exception {
    long seed = new SplittableRandom().nextLong(1, 1_000_000);
    Path json = dir.resolve("profile.json");
    int n = 4000 + (int) (seed % 96);
    CliRun run = CliRun.of("emulate", kernel("profile/counting.cu").toString(), "-k", "gather_stride32", "-g",
        Integer.toString((n + 127) / 128), "-b", "128", "--seed", Long.toString(seed), "in:float:" + (32 * n),
        "out:float:" + n, Integer.toString(n), "--profile-json", json.toString());
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    assertTrue(out.contains("y[i] = x[(size_t)i * 32];") && out.contains("global_load"), out);
    assertTrue(out.contains("a lower bound from counted traffic (not a measurement)"), out);
    JsonObject kernel = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("kernels")
        .get(0).getAsJsonObject();
    assertEquals("gather_stride32", kernel.get("kernel").getAsString());
    JsonArray lines = kernel.getAsJsonArray("lines");
    JsonObject load = null;
    for (var l : lines) {
      if (l.getAsJsonObject().get("op").getAsString().equals("global_load")) {
        load = l.getAsJsonObject();
      }
    }
    assertTrue(load != null, lines.toString());
    assertEquals("counting.cu", load.get("file").getAsString());
    assertEquals(9, load.get("line").getAsInt());
    assertEquals((n + 31) / 32, load.get("requests").getAsLong());
    assertEquals(n, load.get("sectors").getAsLong());
    assertEquals(4L * n, load.get("bytes").getAsLong());
    JsonObject bound = kernel.getAsJsonObject("bound");
    assertTrue(Set.of("dram", "l1", "shared", "fp32", "tensor").contains(bound.get("limiter").getAsString()));
    assertEquals(Set.of("dram", "l1", "shared", "fp32", "tensor"), bound.getAsJsonObject("terms").keySet());
    assertTrue(bound.get("seconds").getAsDouble() > 0);
    assertTrue(kernel.getAsJsonObject("totals").has("global_load"));
  }

  @Test
  void runProfileBindsTheFilesProblemAndBenchProfileDrawsTheFamily() throws Exception {
    int n = 100_003 + new SplittableRandom().nextInt(1000);
    CliRun run = CliRun.of("run", "kernels/vector_add/01_vector_add.cu", "--size", Integer.toString(n), "--warmups", "0",
        "--repeats", "1", "--profile");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Memory traffic of vector_add") && run.out().contains("limited by dram"), run.out());
    Path png = dir.resolve("copy.png");
    CliRun bench = CliRun.of("bench", "--profile", "--family", "copy", "--size", Integer.toString(n), "--png", png.toString());
    assertEquals(0, bench.exitCode(), bench.err());
    assertTrue(bench.out().contains("copy at n=" + n) && bench.out().contains("01_copy"), bench.out());
    assertTrue(Files.size(png) > 1000, "a PNG chart");
    CliRun two = CliRun.of("bench", "--profile", "--family", "copy,matmul");
    assertEquals(2, two.exitCode());
    assertTrue(two.err().contains("--profile needs one --family"), two.err());
  }
}
