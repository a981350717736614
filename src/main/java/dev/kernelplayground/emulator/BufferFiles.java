package dev.kernelplayground.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How kernel arguments travel to the child process and back: one little-endian file per buffer in a
 * temporary folder, and one command-line word per argument (see kp_driver.cpp for the protocol).
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

  static long bufferBytes(List<Arg> args) {
    long bytes = 0;
    for (Arg arg : args) {
      bytes += switch (arg) {
        case Arg.Floats f -> 4L * f.data().length;
        case Arg.Ints f -> 4L * f.data().length;
        case Arg.Halves f -> 2L * f.data().length;
        default -> 0L;
      };
    }
    return bytes;
  }

  static String encode(Arg arg, int index, Path dir, Map<Integer, Path> files) throws IOException {
    Path file = dir.resolve("arg" + index + ".bin");
    return switch (arg) {
      case Arg.Floats f -> {
        ByteBuffer bytes = ByteBuffer.allocate(f.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(f.data());
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + f.access().wire + ":f32:" + f.data().length + ":" + file;
      }
      case Arg.Ints f -> {
        ByteBuffer bytes = ByteBuffer.allocate(f.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(f.data());
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + f.access().wire + ":i32:" + f.data().length + ":" + file;
      }
      case Arg.Halves f -> {
        ByteBuffer bytes = ByteBuffer.allocate(f.data().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(f.data());
        Files.write(file, bytes.array());
        files.put(index, file);
        yield "buf:" + f.access().wire + ":u16:" + f.data().length + ":" + file;
      }
      case Arg.IntValue v -> "int:" + v.value();
      case Arg.FloatValue v -> "float:" + Integer.toUnsignedString(Float.floatToRawIntBits(v.value()));
    };
  }

  static void readBack(Arg arg, Path file) throws IOException {
    switch (arg) {
      case Arg.Floats f when f.access() != Arg.Access.IN ->
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f.data());
      case Arg.Ints f when f.access() != Arg.Access.IN ->
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(f.data());
      case Arg.Halves f when f.access() != Arg.Access.IN ->
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(f.data());
      default -> {}
    }
  }
}
