package dev.kernelplayground.picture;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A picture's SVG parsed as XML: its text nodes and its filled rectangles, for tests that read what was drawn. */
record SvgText(Document document) {
  static SvgText of(Picture picture) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      return new SvgText(factory.newDocumentBuilder().parse(
          new ByteArrayInputStream(picture.svg().getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new AssertionError("the picture is not well-formed SVG: " + e, e);
    }
  }

  /** Every {@code <text>} node's content, in drawing order. */
  List<String> texts() {
    List<String> texts = new ArrayList<>();
    NodeList nodes = document.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  /** The texts joined by new lines, for contains-checks with a readable failure message. */
  String allText() {
    return String.join("\n", texts());
  }

  /** Rectangles filled with exactly this opaque colour ("rgb(r,g,b)", no fill-opacity): {x, y, width, height}. */
  List<double[]> filled(java.awt.Color color) {
    String fill = "fill:rgb(" + color.getRed() + "," + color.getGreen() + "," + color.getBlue() + ")";
    List<double[]> rects = new ArrayList<>();
    NodeList nodes = document.getElementsByTagName("rect");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element rect = (Element) nodes.item(i);
      String style = rect.getAttribute("style").replace(" ", "");
      if (style.startsWith(fill) && !style.contains("fill-opacity") && !style.contains("stroke:")) {
        rects.add(new double[] {
            Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
            Double.parseDouble(rect.getAttribute("width")), Double.parseDouble(rect.getAttribute("height"))});
      }
    }
    return rects;
  }
}
