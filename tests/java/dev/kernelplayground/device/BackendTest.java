package dev.kernelplayground.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendTest {
  /** The ids users type after --backend and read in every "ran on" column. */
  @Test
  void idsAreTheLowerCaseNames() {
    assertEquals(List.of("cuda", "opencl", "emulator", "java"), Arrays.stream(Backend.values()).map(Backend::id).toList());
  }
}
