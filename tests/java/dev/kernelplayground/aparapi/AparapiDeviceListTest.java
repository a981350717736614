package dev.kernelplayground.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.testing.OpenCl;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class AparapiDeviceListTest {
  @Test
  void theJavaThreadPoolIsAlwaysListedLast() {
    List<AparapiDevice> all = AparapiDeviceList.list();
    AparapiDevice last = all.get(all.size() - 1);
    assertEquals("jtp", last.id());
    assertFalse(last.isOpenCl());
    assertEquals(last, AparapiDeviceList.byId("java"));
  }

  @Test
  void anUnknownIdIsAClearError() {
    var e = assertThrows(IllegalArgumentException.class, () -> AparapiDeviceList.byId("opencl:99"));
    assertTrue(e.getMessage().contains("no Aparapi device 'opencl:99'"), e.getMessage());
    assertTrue(e.getMessage().contains("jtp"), e.getMessage());
  }

  @Tag("opencl")
  @Test
  void openClDevicesAreNumberedAndDescribed() {
    AparapiDevice cl = OpenCl.firstDevice();
    assertEquals("opencl:0", cl.id());
    assertTrue(cl.computeUnits() > 0);
    assertTrue(cl.localMemoryBytes() > 0);
    assertFalse(cl.name().isBlank());
    assertFalse(cl.vendor().isBlank());
    assertTrue(cl.describe().startsWith("opencl:0"), cl.describe());
  }
}
