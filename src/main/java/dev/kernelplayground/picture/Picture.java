package dev.kernelplayground.picture;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** A drawing explained by numbers: drawn on a {@code Graphics2D}, shown as SVG, summarised in plain text. */
public interface Picture {
  /** Width in pixels (SVG user units). */
  int width();

  /** Height in pixels (SVG user units). */
  int height();

  /** Draws the picture on {@code g}, whose origin is the picture's top left corner. */
  void draw(Graphics2D g);

  /** The numbers on the picture in words: the plain-text view for consoles and diffs. */
  String describe();

  /**
   * The picture as one {@code <svg>} element, its labels as {@code <text>} nodes; its view box lets a page narrower
   * than the picture scale it down whole.
   */
  default String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width(), height());
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFontFunction(family -> Pen.CSS_FAMILY);
    draw(g);
    return g.getSVGElement(null, true, new ViewBox(0, 0, width(), height()), null, null);
  }
}
