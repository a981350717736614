package dev.kernelplayground.cudasource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw CUDA C kernel file: where it is, its text, and its parsed {@code @kp} header.
 *
 * @param path the .cu file
 * @param text the file's contents
 * @param header what it teaches, which reference checks it, how to launch its kernels
 */
public record KernelSource(Path path, String text, KernelHeader header) {

  /**
   * Reads and parses a kernel file.
   *
   * @throws IllegalArgumentException when the file is missing or unreadable
   * @throws HeaderException when its header is wrong (the message names file and line)
   */
  public static KernelSource load(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(path + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": cannot read it (" + e.getMessage() + ")");
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(path + ": cannot read it (" + e.getMessage() + ")");
    }
    return of(path, text);
  }

  /** A kernel from text that claims to live at {@code path} (a notebook cell, a test). */
  public static KernelSource of(Path path, String text) {
    return new KernelSource(path, text, HeaderParser.parse(path, text));
  }

  /** The family: the name of the folder holding the file, e.g. "matmul". */
  public String family() {
    Path parent = path.toAbsolutePath().getParent();
    return parent == null ? "" : parent.getFileName().toString();
  }

  /** The file name without ".cu", e.g. "05_blocktile_2d". */
  public String version() {
    String name = path.getFileName().toString();
    return name.endsWith(".cu") ? name.substring(0, name.length() - 3) : name;
  }

  /** "matmul/05_blocktile_2d". */
  public String id() {
    return family() + "/" + version();
  }

  /**
   * The integer a {@code #define NAME 16} line of the file gives (a tile size, say), so that what is drawn or
   * computed from it follows the kernel.
   *
   * @throws IllegalArgumentException when the file has no such line
   */
  public int intDefine(String name) {
    Matcher m = Pattern.compile("(?m)^\\s*#\\s*define\\s+" + Pattern.quote(name) + "\\s+(\\d+)\\b").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(path + " has no line '#define " + name + " <integer>'");
    }
    return Integer.parseInt(m.group(1));
  }
}
