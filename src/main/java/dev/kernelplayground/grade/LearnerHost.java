package dev.kernelplayground.grade;

import dev.kernelplayground.notebook.CellError;
import dev.kernelplayground.notebook.JavaCells;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The learner's side of grading, the main class of a sandboxed JVM ({@link LearnerJvm} starts it): it runs
 * the learner's Java exercise cells in its own JShell, then answers the grader's calls of the methods they
 * define — arguments in, a return value or an exception's text out. It decides nothing: the grader holds
 * the checks and compares what comes back. Stdout is the channel to the grader; what the learner's code
 * prints goes to stderr, the grader's log of this submission.
 */
public final class LearnerHost {
  private static final Map<String, Function<Object[], Object>> METHODS = new ConcurrentHashMap<>();

  private LearnerHost() {}

  /** Called by the registration snippets the grader sends: makes a learner method callable by its key. */
  public static void register(String key, Function<Object[], Object> method) {
    METHODS.put(key, method);
  }

  public static void main(String[] args) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    JavaCells java = new JavaCells();
    while (true) {
      int request;
      try {
        request = in.readByte();
      } catch (EOFException end) {
        return;
      }
      switch (request) {
        case LearnerJvm.RUN -> answer(out, () -> {
          java.eval(Wire.readText(in));
          return null;
        });
        case LearnerJvm.CALL -> {
          String key = Wire.readText(in);
          Object[] arguments = new Object[in.readInt()];
          for (int i = 0; i < arguments.length; i++) {
            arguments[i] = Wire.read(in);
          }
          answer(out, () -> call(key, arguments));
        }
        default -> throw new IOException("unknown request " + request);
      }
    }
  }

  private interface Work {
    Object run() throws IOException;
  }

  /** Runs the work and sends its value, or what it threw in one line (or a cell's error lines). */
  private static void answer(DataOutputStream out, Work work) throws IOException {
    Object value;
    String failure;
    try {
      value = work.run();
      failure = null;
    } catch (CellError e) {
      value = null;
      failure = String.join("\n", e.lines());
    } catch (RuntimeException | Error e) {
      value = null;
      failure = e.toString();
    }
    if (failure == null) {
      out.writeByte(LearnerJvm.VALUE);
      try {
        Wire.write(out, value);
      } catch (IllegalArgumentException notData) {
        out.writeByte('N'); // keeps the channel in step; the grader sees null
      }
    } else {
      out.writeByte(LearnerJvm.THREW);
      Wire.writeText(out, failure);
    }
    out.flush();
  }

  private static Object call(String key, Object[] arguments) {
    Function<Object[], Object> method = METHODS.get(key);
    if (method == null) {
      throw new IllegalStateException("no method " + key + " was defined");
    }
    return method.apply(arguments);
  }
}
