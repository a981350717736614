package dev.kernelplayground.process;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a child process that measures something in another runtime (torch.mm in python3, Java kernels in a JVM
 * with another OpenCL setup) gave back: its rows, or why there are none. The child's side of it: exit status 0
 * with one JSON object per line on stdout, the first a header of strings (what ran, where), then one per row;
 * exit status {@value #NOT_RUN} when it did not run on purpose, its one line saying why (no torch, no such
 * device); any other status is a failure, its stderr's last line saying what.
 *
 * @param header the first line's fields, e.g. torch → "2.5.1", device → "NVIDIA H200"
 * @param notRun why nothing ran on purpose; null when it ran
 * @param failed why the child failed after it started (a crash, a time-out, output that is not its rows)
 */
public record ChildRows<R extends ChildRows.Checked>(
    Map<String, String> header, List<R> rows, String notRun, String failed) {
  public static final int NOT_RUN = 3;

  /** A row that was checked against a reference. */
  public interface Checked {
    boolean passed();
  }

  public ChildRows {
    header = Map.copyOf(header);
    rows = List.copyOf(rows);
  }

  public static <R extends Checked> ChildRows<R> of(Map<String, String> header, List<R> rows) {
    return new ChildRows<>(header, rows, null, null);
  }

  public static <R extends Checked> ChildRows<R> notRun(String why) {
    return new ChildRows<>(Map.of(), List.of(), why, null);
  }

  public static <R extends Checked> ChildRows<R> failed(String why) {
    return new ChildRows<>(Map.of(), List.of(), null, why);
  }

  /** A row that did not pass its check, or a child that failed: something to report as a failure. */
  public boolean anyFailure() {
    return failed != null || rows.stream().anyMatch(r -> !r.passed());
  }

  /**
   * Reads a finished child's output.
   *
   * @param name what the child is called in messages, e.g. "torch_mm.py"
   * @param limit the time limit it ran under, for the message when it was killed
   * @param row reads one row's object; may throw on a missing field (the output is then not its rows)
   */
  public static <R extends Checked> ChildRows<R> parse(
      String name, ChildProcess.Result r, Duration limit, Function<JsonObject, R> row) {
    if (r.timedOut()) {
      return failed(name + " did not finish within " + limit.toMinutes() + " minutes");
    }
    if (r.exitCode() == NOT_RUN) {
      return notRun(r.stdout().strip());
    }
    if (r.exitCode() != 0) {
      return failed(name + " exited with status " + r.exitCode() + ": " + lastLine(r.stderr()));
    }
    List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
    try { // JsonParser reads leniently: a NaN (Python's json writes one for a NaN) comes back as NaN
      Map<String, String> header = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> field : JsonParser.parseString(lines.get(0)).getAsJsonObject().entrySet()) {
        header.put(field.getKey(), field.getValue().getAsString());
      }
      List<R> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        rows.add(row.apply(JsonParser.parseString(line).getAsJsonObject()));
      }
      return of(header, rows);
    } catch (JsonParseException | IllegalStateException | NullPointerException | IndexOutOfBoundsException
        | UnsupportedOperationException e) {
      return failed(name + " printed something other than its rows: "
          + (lines.isEmpty() ? "nothing" : lines.get(lines.size() - 1)));
    }
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no message" : lines.get(lines.size() - 1);
  }
}
