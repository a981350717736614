package dev.kernelplayground.cli;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kp ada}, run through picocli with captured output. (Lives here: the cli test package is not ours.) */
class AdaCommandTest {

  record Run(int exit, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsTheRtx4090AndTheSmLimits() {
    Run r = run(new AdaCommand());
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("GeForce RTX 4090 (AD102, compute capability 8.9)"), out);
    assertTrue(out.contains("AD102 (128 of 144 SMs enabled)"), out);
    assertTrue(out.contains("16,384 (128 per SM)"), out);
    assertTrue(out.contains("2.52 GHz"), out);
    assertTrue(out.contains("82.60 TFLOPS"), out);
    assertTrue(out.contains("165.20 TFLOPS"), out);
    assertTrue(out.contains("1,008 GB/s"), out);
    assertTrue(out.contains("72 MB"), out);
    assertTrue(out.contains("81.9 FLOP/byte"), out);
    assertTrue(out.contains("1,536 (48 warps)"), out);
    assertTrue(out.contains("99 KB (101,376 B)"), out);
    assertTrue(out.contains("0, 8, 16, 32, 64, 100 KB"), out);
  }

  @Test
  void describesAnotherPart() {
    Run r = run(new AdaCommand(), "--gpu", "l40s");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("NVIDIA L40S (AD102"), r.out());
    assertTrue(r.out().contains("864 GB/s"), r.out());
  }

  @Test
  void comparesAllParts() {
    Run r = run(new AdaCommand(), "--compare");
    assertEquals(0, r.exit(), r.err());
    for (GpuSpec g : AdaGpus.all()) {
      assertTrue(r.out().contains(g.name()), g.name() + " missing:\n" + r.out());
    }
    assertTrue(r.out().contains("362.05"), r.out());
  }

  @Test
  void unknownGpuIsAOneLineError() {
    Run r = run(new AdaCommand(), "--gpu", "h100");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("Unknown GPU 'h100'; known: 4090"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }
}
