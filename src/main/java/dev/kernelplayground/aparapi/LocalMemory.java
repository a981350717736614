package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The local memory ({@code @Local} arrays; CUDA's shared memory) a kernel asks for, checked against the
 * device before launch. PoCL does not refuse an oversized request: it crashes the whole JVM. Here it is an
 * error that names the arrays.
 */
public final class LocalMemory {
  private LocalMemory() {}

  /** Bytes of all {@code @Local} arrays of the kernel, as sized when it was built. */
  public static long bytes(Kernel kernel) {
    long total = 0;
    for (Field f : localArrays(kernel.getClass())) {
      Object array = read(f, kernel);
      if (array != null) {
        total += (long) Array.getLength(array) * elementBytes(f.getType().getComponentType());
      }
    }
    return total;
  }

  /** Throws when the kernel's local arrays do not fit the device's local memory per work-group. */
  static void require(Kernel kernel, AparapiDevice device) {
    long limit = device.localMemoryBytes();
    if (!device.isOpenCl() || limit <= 0) {
      return;
    }
    long asked = bytes(kernel);
    if (asked > limit) {
      StringBuilder arrays = new StringBuilder();
      for (Field f : localArrays(kernel.getClass())) {
        Object array = read(f, kernel);
        if (array != null) {
          arrays.append(arrays.isEmpty() ? "" : ", ").append(f.getName()).append(" (")
              .append(Array.getLength(array)).append(" × ").append(f.getType().getComponentType()).append(")");
        }
      }
      throw new IllegalArgumentException(
          String.format(
              "kernel %s asks for %,d bytes of local memory per work-group (%s) but %s (%s) has %,d:"
                  + " make the @Local arrays smaller (a smaller tile)",
              kernel.getClass().getName(), asked, arrays, device.id(), device.name(), limit));
    }
  }

  private static List<Field> localArrays(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Kernel.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        boolean local = f.isAnnotationPresent(Kernel.Local.class) || f.getName().endsWith(Kernel.LOCAL_SUFFIX);
        if (local && f.getType().isArray() && !Modifier.isStatic(f.getModifiers())) {
          fields.add(f);
        }
      }
    }
    return fields;
  }

  private static Object read(Field f, Kernel kernel) {
    try {
      f.setAccessible(true);
      return f.get(kernel);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read local array " + f.getName() + " of " + kernel.getClass().getName(), e);
    }
  }

  private static int elementBytes(Class<?> component) {
    if (component == double.class || component == long.class) {
      return 8;
    }
    if (component == short.class || component == char.class) {
      return 2;
    }
    if (component == byte.class || component == boolean.class) {
      return 1;
    }
    return 4;
  }
}
