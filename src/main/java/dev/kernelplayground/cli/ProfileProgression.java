package dev.kernelplayground.cli;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.GpuSpec;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.KernelLibrary;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.emulator.EmulatedModule;
import dev.kernelplayground.emulator.EmulatorBackend;
import dev.kernelplayground.plot.BoundChart;
import dev.kernelplayground.problem.ProblemFamily;
import dev.kernelplayground.profile.Progression;
import dev.kernelplayground.report.ProgressionText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code kp bench --profile --family F}: every version of a kernels/ family through the emulator's profiler. */
final class ProfileProgression {
  private final CommandSpec spec;
  private final List<String> families;
  private final String size;
  private final Path png;
  private final GpuSpec gpu;
  private final TrialOptions trial;

  ProfileProgression(CommandSpec spec, List<String> families, String size, Path png, String gpu, TrialOptions trial) {
    this.spec = spec;
    this.families = families == null ? List.of() : families;
    this.size = size;
    this.png = png;
    this.gpu = AdaGpus.byName(gpu);
    this.trial = trial;
  }

  int run() throws IOException {
    if (families.size() != 1) {
      throw new ParameterException(spec.commandLine(), "--profile needs one --family, e.g. --family matmul");
    }
    String family = families.get(0).strip();
    KernelLibrary library = KernelLibrary.find();
    List<Path> files = library.files(family);
    if (files.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "--family " + family + ": no kernels/" + family + " folder; the families are " + library.families());
    }
    ProblemFamily<?> problems = KernelSource.load(files.get(0)).header().check().family();
    int[] sizes = size == null ? problems.benchSizes(true).get(0) : parse(size);
    long seed = trial.seedOrNew();
    PrintWriter out = spec.commandLine().getOut();
    EmulatorBackend emulator = new EmulatorBackend(EmulatedModule.DEFAULT_TIMEOUT.multipliedBy(20))
        .schedule(trial.raceCheck.schedule()).sanitize(!trial.raceCheck.noSanitize);
    List<Progression.Version> versions = new ArrayList<>();
    Map<String, Integer> named = null;
    for (Path file : files) {
      KernelSource source = KernelSource.load(file);
      named = source.header().check().family().named(source.id(), sizes);
      out.println("profiling " + source.id() + " ...");
      out.flush();
      versions.add(new Progression.Version(source.version(), emulator.profile(BoundKernel.bind(source, named, seed))));
    }
    String sizeText = named.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    Progression progression = new Progression(family, sizeText, gpu, versions);
    out.println();
    out.print(ProgressionText.of(progression));
    out.println("inputs from seed " + seed);
    if (png != null) {
      Files.createDirectories(png.toAbsolutePath().getParent());
      ImageIO.write(BoundChart.image(progression), "png", png.toFile());
      out.println("chart: " + png);
    }
    out.flush();
    return 0;
  }

  private int[] parse(String text) {
    String[] parts = text.toLowerCase().split("[x×]");
    int[] values = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--size '" + text + "': '" + parts[i] + "' is not a whole number");
      }
    }
    return values;
  }
}
