package dev.kernelplayground.notebook;

import dev.kernelplayground.emulator.EmulatedModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;

/**
 * The Jupyter kernel: jjava-jupyter speaks the protocol, {@link Cells} runs what a cell holds (Java
 * through JShell, magics), and results render as HTML, PNG or text.
 */
public final class JupyterKernel extends BaseKernel {
  static final String VERSION = "0.1.0";

  private final NotebookSession session;
  private final Cells cells;

  public JupyterKernel() {
    super(
        "kernel-playground",
        VERSION,
        new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build(),
        List.of(),
        null,
        new JupyterIO(StandardCharsets.UTF_8),
        new CommManager(),
        new Renderer(),
        null,
        null,
        false,
        new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_RESET_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_RESET_FG)
            .build());
    Displays.register(renderer);
    JavaCells.warmUpInBackground();
    this.session = NotebookSession.open();
    this.cells = new Cells(session);
  }

  /** Jupyter's kernel_info banner: the kernel, and whether it runs in a sandbox and what that means. */
  @Override
  public String getBanner() {
    String sandbox = SandboxedKernel.current();
    return "Kernel Playground " + VERSION + " (Java " + Runtime.version() + ")\n"
        + (sandbox != null ? sandbox : "no sandbox: cells run with the rights of the user who started Jupyter");
  }

  @Override
  public Object evalRaw(String source) {
    return cells.run(source);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    List<String> docs = cells.java().documentation(code, at);
    return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    JavaCells.Completions c = cells.java().complete(code, at);
    return new ReplacementOptions(c.names(), c.start(), c.end());
  }

  @Override
  public String isComplete(String code) {
    return switch (cells.completeness(code)) {
      case "complete" -> IS_COMPLETE_YES;
      case "incomplete" -> "    ";
      default -> IS_COMPLETE_BAD;
    };
  }

  /**
   * The interrupt button (kernelspec {@code interrupt_mode: message}): stops the running cell, and a
   * CUDA kernel it runs on the emulator (a child process the Java stop cannot reach).
   */
  @Override
  public void interrupt() {
    EmulatedModule.stopAll();
    cells.java().stop();
  }

  /** A cell's error as the learner should read it: the message only, no kernel stack trace. */
  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellError cell) {
      return errorStyler.secondaryLines(String.join("\n", cell.lines()));
    }
    return super.formatError(e);
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    super.onShutdown(isRestarting);
    session.close();
  }
}
