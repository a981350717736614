package dev.kernelplayground.emulator;

import dev.kernelplayground.cudasource.KernelArg;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The emulator's private wire format: how kernel arguments travel to the child process and back, one
 * little-endian file per buffer in a temporary folder and one command-line word per argument (see
 * kp_driver.cpp for the protocol).
 */
final class BufferFiles {
  private BufferFiles() {}

  /** /dev/shm (memory) when it has room for the buffers twice over (containers often give it 64 MB). */
  static Path tempRoot(long bytes) {
    Path shm = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > 2 * bytes + (64 << 20)) {
        return shm;
      }
    } catch (IOException e) {
      // fall through to the ordinary temporary folder
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  static long bufferBytes(List<KernelArg> args) {
    long bytes = 0;
    for (KernelArg arg : args) {
      if (arg instanceof KernelArg.Buffer b) {
        bytes += b.bytes();
      }
    }
    return bytes;
  }

  static String encode(KernelArg arg, int index, Path dir, Map<Integer, Path> files) throws IOException {
    Path file = dir.resolve("arg" + index + ".bin");
    return switch (arg) {
      case KernelArg.Buffer b -> {
        String wire = switch (b.access()) {
          case IN -> "in";
          case OUT -> "out";
          case IN_OUT -> "inout";
        };
        String kind;
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(b.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        switch (b.values()) {
          case float[] f -> {
            bytes.asFloatBuffer().put(f);
            kind = "f32";
          }
          case int[] i -> {
            bytes.asIntBuffer().put(i);
            kind = "i32";
          }
          case short[] h -> {
            bytes.asShortBuffer().put(h);
            kind = "u16";
          }
          case null -> throw new IllegalArgumentException("argument " + (index + 1) + " ('" + b.name()
              + "') has no values: the emulator launches with the caller's arrays");
          default -> throw new IllegalStateException("unreachable: KernelArg.Buffer checks its array");
        }
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + wire + ":" + kind + ":" + b.elements() + ":" + file;
      }
      case KernelArg.IntScalar v -> "int:" + v.value();
      case KernelArg.FloatScalar v -> "float:" + Integer.toUnsignedString(Float.floatToRawIntBits(v.value()));
    };
  }

  static void readBack(KernelArg arg, Path file) throws IOException {
    if (!(arg instanceof KernelArg.Buffer b) || b.access() == KernelArg.Access.IN) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    switch (b.values()) {
      case float[] f -> bytes.asFloatBuffer().get(f);
      case int[] i -> bytes.asIntBuffer().get(i);
      case short[] h -> bytes.asShortBuffer().get(h);
      default -> throw new IllegalStateException("unreachable: encode refused it");
    }
  }
}
