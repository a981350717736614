package dev.kernelplayground.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** The few strokes every picture is made of: filled boxes, outlines, hatching, text placed by its anchor. */
final class Pen {
  static final Color INK = new Color(0x22, 0x22, 0x22);
  static final Color GRID = new Color(0xc8, 0xc8, 0xc8);
  static final Color MUTED = new Color(0x70, 0x70, 0x70);
  static final Color PAPER = Color.WHITE;

  /** Where a text's anchor point is: its left end, centre or right end (vertically: the baseline). */
  enum Align { LEFT, CENTER, RIGHT }

  private final Graphics2D g;

  Pen(Graphics2D g) {
    this.g = g;
  }

  void fill(double x, double y, double w, double h, Color color) {
    g.setColor(color);
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  void outline(double x, double y, double w, double h, Color color, float width) {
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(new Rectangle2D.Double(x, y, w, h));
  }

  void dashed(double x, double y, double w, double h, Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
    g.draw(new Rectangle2D.Double(x, y, w, h));
  }

  void line(double x1, double y1, double x2, double y2, Color color, float width) {
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  /** Diagonal lines every {@code gap} pixels across the box: a region that is padding, masked or skipped. */
  void hatch(double x, double y, double w, double h, Color color, double gap) {
    Shape clip = g.getClip();
    g.clip(new Rectangle2D.Double(x, y, w, h));
    for (double d = -h; d < w; d += gap) {
      line(x + d, y + h, x + d + h, y, color, 1f);
    }
    g.setClip(clip);
  }

  /** Draws {@code text} in the given size and weight with its anchor at ({@code x}, {@code baseline}). */
  void text(String text, double x, double baseline, int size, boolean bold, Color color, Align align) {
    g.setFont(font(size, bold));
    g.setColor(color);
    double w = g.getFontMetrics().stringWidth(text);
    double left = switch (align) {
      case LEFT -> x;
      case CENTER -> x - w / 2;
      case RIGHT -> x - w;
    };
    g.drawString(text, (float) left, (float) baseline);
  }

  /** {@code text} centred in the box, vertically too. */
  void centred(String text, double x, double y, double w, double h, int size, boolean bold, Color color) {
    FontMetrics metrics = g.getFontMetrics(font(size, bold));
    double baseline = y + (h + metrics.getAscent() - metrics.getDescent()) / 2;
    text(text, x + w / 2, baseline, size, bold, color, Align.CENTER);
  }

  /** The width {@code text} takes in the given size and weight. */
  double width(String text, int size, boolean bold) {
    return g.getFontMetrics(font(size, bold)).stringWidth(text);
  }

  /** One entry of a legend: a swatch, filled and perhaps hatched, and what it stands for. */
  record Swatch(Color fill, boolean hatched, String label) {}

  /**
   * A legend of swatches from ({@code x}, {@code baseline}) on, starting a new line below when the next entry would
   * pass {@code right}.
   */
  void legend(double x, double baseline, double right, List<Swatch> swatches) {
    double at = x;
    for (Swatch swatch : swatches) {
      double entry = 19 + width(swatch.label(), 12, false);
      if (at > x && at + entry > right) {
        at = x;
        baseline += 20;
      }
      fill(at, baseline - 10, 14, 12, swatch.fill());
      if (swatch.hatched()) {
        hatch(at, baseline - 10, 14, 12, MUTED, 4);
      }
      outline(at, baseline - 10, 14, 12, INK, 0.8f);
      text(swatch.label(), at + 19, baseline, 12, false, INK, Align.LEFT);
      at += entry + 18;
    }
  }

  /**
   * The family texts are measured and drawn in: DejaVu Sans where Java has it (Debian's default sans-serif), so that
   * a browser showing the SVG with the same font (or Verdana, of nearly the same widths) centres text where it was
   * measured; Java's logical sans-serif otherwise.
   */
  static final String FAMILY =
      java.util.Arrays.asList(java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
              .contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;

  /** The CSS font-family an SVG names for {@link #FAMILY}. */
  static final String CSS_FAMILY = FAMILY.equals("DejaVu Sans") ? "DejaVu Sans, Verdana, sans-serif" : "sans-serif";

  private static Font font(int size, boolean bold) {
    return new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, size);
  }
}
