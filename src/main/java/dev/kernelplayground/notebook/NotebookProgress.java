package dev.kernelplayground.notebook;

import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Progress of a long run in a notebook: one output line that updates in place (a Jupyter display with an
 * id, updated by {@code update_display_data}), or plain lines on standard error when no Jupyter kernel is
 * attached (a headless run, a test).
 */
final class NotebookProgress {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String task;
  private final int total;
  private final String displayId = "kp-progress-" + IDS.incrementAndGet();
  private final BaseKernel kernel;
  private int done;

  private NotebookProgress(String task, int total, BaseKernel kernel) {
    this.task = task;
    this.total = total;
    this.kernel = kernel;
  }

  /** Shows "task: 0 of total" and returns the progress to step. */
  static NotebookProgress start(String task, int total) {
    NotebookProgress p = new NotebookProgress(task, total, attachedKernel());
    p.show("starting", false);
    return p;
  }

  /** One more step done; {@code what} names the one that comes next, or the last one. */
  void step(String what) {
    done++;
    show(what, true);
  }

  private void show(String what, boolean update) {
    String line = String.format("%s: %d of %d done %s %s", task, done, total, bar(), what);
    if (kernel == null) {
      System.err.println(line);
      return;
    }
    DisplayData data = new DisplayData(line);
    data.setDisplayId(displayId);
    if (update) {
      kernel.getIO().display.updateDisplay(displayId, data);
    } else {
      kernel.display(data);
    }
  }

  private String bar() {
    int width = 20;
    int filled = total == 0 ? width : done * width / total;
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  }

  private static BaseKernel attachedKernel() {
    try {
      BaseKernel k = BaseKernel.notebookKernel();
      return k.getIO().display.isAttached() ? k : null;
    } catch (NullPointerException notInJupyter) {
      return null;
    }
  }
}
