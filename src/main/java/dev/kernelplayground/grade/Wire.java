package dev.kernelplayground.grade;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;

/**
 * The values that pass between the grader and the learner's JVM: null, primitives, strings and arrays of
 * them (any depth), each a tag byte and its payload. Nothing else crosses, so the learner's side can hand
 * back only data, never an object with behaviour.
 */
final class Wire {
  private Wire() {}

  /** The longest array that passes: the checks' inputs are far smaller, and a lying learner side cannot exhaust the grader. */
  static final int MAX_ELEMENTS = 1 << 24;

  private static final String PRIMITIVES = "ZBCSIJFD";
  private static final Class<?>[] PRIMITIVE_TYPES = {
    boolean.class, byte.class, char.class, short.class, int.class, long.class, float.class, double.class
  };

  static void write(DataOutputStream out, Object v) throws IOException {
    switch (v) {
      case null -> out.writeByte('N');
      case Boolean b -> { out.writeByte('Z'); out.writeBoolean(b); }
      case Byte b -> { out.writeByte('B'); out.writeByte(b); }
      case Character c -> { out.writeByte('C'); out.writeChar(c); }
      case Short s -> { out.writeByte('S'); out.writeShort(s); }
      case Integer i -> { out.writeByte('I'); out.writeInt(i); }
      case Long l -> { out.writeByte('J'); out.writeLong(l); }
      case Float f -> { out.writeByte('F'); out.writeFloat(f); }
      case Double d -> { out.writeByte('D'); out.writeDouble(d); }
      case String s -> { out.writeByte('T'); writeText(out, s); }
      default -> {
        Class<?> component = v.getClass().getComponentType();
        if (component == null) {
          throw new IllegalArgumentException("only primitives, strings and arrays of them pass to and from learner code, not "
              + v.getClass().getName());
        }
        int n = Array.getLength(v);
        int primitive = indexOf(component);
        out.writeByte('[');
        out.writeByte(primitive < 0 ? 'L' : PRIMITIVES.charAt(primitive));
        if (primitive < 0) {
          writeText(out, component.getName());
        }
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
          if (primitive < 0) {
            write(out, Array.get(v, i));
          } else {
            writeElement(out, v, i, PRIMITIVES.charAt(primitive));
          }
        }
      }
    }
  }

  static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 'N' -> null;
      case 'Z' -> in.readBoolean();
      case 'B' -> in.readByte();
      case 'C' -> in.readChar();
      case 'S' -> in.readShort();
      case 'I' -> in.readInt();
      case 'J' -> in.readLong();
      case 'F' -> in.readFloat();
      case 'D' -> in.readDouble();
      case 'T' -> readText(in);
      case '[' -> readArray(in);
      default -> throw new IOException("not a value: tag " + tag);
    };
  }

  private static Object readArray(DataInputStream in) throws IOException {
    char element = (char) in.readByte();
    Class<?> component;
    if (element == 'L') {
      component = objectComponent(readText(in));
    } else {
      int p = PRIMITIVES.indexOf(element);
      if (p < 0) {
        throw new IOException("not an array element type: " + element);
      }
      component = PRIMITIVE_TYPES[p];
    }
    int n = in.readInt();
    if (n < 0 || n > MAX_ELEMENTS) {
      throw new IOException("an array of " + n + " elements (at most " + MAX_ELEMENTS + " pass)");
    }
    Object array = Array.newInstance(component, n);
    for (int i = 0; i < n; i++) {
      if (component.isPrimitive()) {
        readElement(in, array, i, element);
      } else {
        Object value = read(in);
        if (value != null && !component.isInstance(value)) {
          throw new IOException("a " + value.getClass().getName() + " in an array of " + component.getName());
        }
        Array.set(array, i, value);
      }
    }
    return array;
  }

  /** String, or an array type of primitives or strings: no other class is ever loaded by name. */
  private static Class<?> objectComponent(String name) throws IOException {
    if (name.equals(String.class.getName())) {
      return String.class;
    }
    if (name.matches("\\[+([ZBCSIJFD]|Ljava\\.lang\\.String;)")) {
      try {
        return Class.forName(name);
      } catch (ClassNotFoundException e) {
        throw new IOException(e);
      }
    }
    throw new IOException("not an element type that may pass: " + name);
  }

  private static int indexOf(Class<?> type) {
    for (int i = 0; i < PRIMITIVE_TYPES.length; i++) {
      if (PRIMITIVE_TYPES[i] == type) {
        return i;
      }
    }
    return -1;
  }

  private static void writeElement(DataOutputStream out, Object array, int i, char type) throws IOException {
    switch (type) {
      case 'Z' -> out.writeBoolean(((boolean[]) array)[i]);
      case 'B' -> out.writeByte(((byte[]) array)[i]);
      case 'C' -> out.writeChar(((char[]) array)[i]);
      case 'S' -> out.writeShort(((short[]) array)[i]);
      case 'I' -> out.writeInt(((int[]) array)[i]);
      case 'J' -> out.writeLong(((long[]) array)[i]);
      case 'F' -> out.writeFloat(((float[]) array)[i]);
      default -> out.writeDouble(((double[]) array)[i]);
    }
  }

  private static void readElement(DataInputStream in, Object array, int i, char type) throws IOException {
    switch (type) {
      case 'Z' -> ((boolean[]) array)[i] = in.readBoolean();
      case 'B' -> ((byte[]) array)[i] = in.readByte();
      case 'C' -> ((char[]) array)[i] = in.readChar();
      case 'S' -> ((short[]) array)[i] = in.readShort();
      case 'I' -> ((int[]) array)[i] = in.readInt();
      case 'J' -> ((long[]) array)[i] = in.readLong();
      case 'F' -> ((float[]) array)[i] = in.readFloat();
      default -> ((double[]) array)[i] = in.readDouble();
    }
  }

  static void writeText(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** At most 16 MB of text: a learner's side that claims more is lying. */
  static String readText(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (16 << 20)) {
      throw new IOException("a text of " + n + " bytes");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
