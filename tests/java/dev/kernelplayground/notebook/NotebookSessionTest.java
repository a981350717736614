package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kernelplayground.aparapi.AparapiDeviceList;
import dev.kernelplayground.testing.Runtimes;
import org.junit.jupiter.api.Test;

/** A notebook's choices live in its session: a new notebook starts from the defaults, not from the last one's. */
class NotebookSessionTest {
  @Test
  void aNewSessionStartsFromTheDefaults() {
    Runtimes.assume(Runtimes.OPENCL, !AparapiDeviceList.openCl().isEmpty(), "no OpenCL device: the default is JTP too");
    try (NotebookSession first = NotebookSession.open()) {
      Playground.use("jtp");
      assertEquals(AparapiDeviceList.JTP, Playground.device().id());
      assertEquals(first.device(), Playground.device());
    }
    try (NotebookSession second = NotebookSession.open()) {
      assertNotEquals(AparapiDeviceList.JTP, Playground.device().id());
      assertEquals(AparapiDeviceList.defaultDevice(), second.device());
    }
  }
}
