package dev.kernelplayground.jcuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.kernelplayground.ada.AdaGpus;
import dev.kernelplayground.ada.SmLimits;
import dev.kernelplayground.device.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peaks computed from what the driver reports agree with NVIDIA's published figures. */
class CudaDeviceInfoTest {
  @Test
  void bandwidthFromClockAndBusMatchesThePublished4090Figure() {
    CudaDeviceInfo gpu = DeviceInfos.rtx4090();
    assertEquals(AdaGpus.RTX_4090.memoryBandwidthBytesPerSecond(), gpu.peakBandwidthBytesPerSecond(),
        0.001 * AdaGpus.RTX_4090.memoryBandwidthBytesPerSecond());
  }

  @Test
  void fp32PeakFromSmsLanesAndClockMatchesThePublished4090Figure() {
    CudaDeviceInfo gpu = DeviceInfos.rtx4090();
    assertEquals(128, gpu.fp32LanesPerSm());
    assertEquals(AdaGpus.RTX_4090.fp32Tflops() * 1e12, gpu.peakFp32FlopsPerSecond(), 0.001 * 82.6e12);
  }

  @Test
  void lanesPerSmFollowTheComputeCapability() {
    assertEquals(64, CudaDeviceInfo.fp32LanesPerSm(8, 0)); // A100
    assertEquals(128, CudaDeviceInfo.fp32LanesPerSm(8, 6));
    assertEquals(128, CudaDeviceInfo.fp32LanesPerSm(9, 0)); // H100
    assertEquals(64, CudaDeviceInfo.fp32LanesPerSm(7, 5));
    assertEquals(0, CudaDeviceInfo.fp32LanesPerSm(5, 2));
  }

  @Test
  void anAdaPartFindsItsPublishedSpecAndRunsAsCuda() {
    CudaDeviceInfo gpu = DeviceInfos.rtx4090();
    assertEquals(AdaGpus.RTX_4090, gpu.publishedSpec().orElseThrow());
    assertEquals(AdaGpus.L4, DeviceInfos.l4().publishedSpec().orElseThrow());
    assertEquals(Backend.CUDA, gpu.target().backend());
    assertTrue(gpu.target().gpu());
    assertEquals("NVIDIA GeForce RTX 4090", gpu.target().device());
    assertEquals("sm_89", gpu.smArch());
    assertEquals("compute_89", gpu.computeArch());
  }

  @Test
  void theComparisonPutsTheDriversNumbersNextToThePublishedOnes() {
    List<DeviceComparison.Row> rows = DeviceComparison.rows(DeviceInfos.l4(), AdaGpus.RTX_4090, SmLimits.SM_89);
    DeviceComparison.Row sms = rows.stream().filter(r -> r.what().equals("SMs")).findFirst().orElseThrow();
    assertEquals("58", sms.thisGpu());
    assertEquals("128", sms.reference());
    DeviceComparison.Row bandwidth =
        rows.stream().filter(r -> r.what().equals("peak DRAM bandwidth")).findFirst().orElseThrow();
    assertEquals("300 GB/s", bandwidth.thisGpu());
    assertEquals("1008 GB/s", bandwidth.reference());
    DeviceComparison.Row l2 = rows.stream().filter(r -> r.what().equals("L2 cache")).findFirst().orElseThrow();
    assertEquals("48.0 MiB", l2.thisGpu());
    assertEquals("72 MiB", l2.reference());
  }

  @Test
  void unknownFiguresSayUnknown() {
    CudaDeviceInfo noClock = new CudaDeviceInfo(0, "Future GPU", 15, 0, 100, 0, 0, 0, 1L << 34, 1L << 26,
        0, 0, 0, 0, 0, 0, 32, false, "14.0");
    List<DeviceComparison.Row> rows = DeviceComparison.rows(noClock, AdaGpus.RTX_4090, SmLimits.SM_89);
    assertTrue(rows.stream().filter(r -> r.what().startsWith("peak")).allMatch(r -> r.thisGpu().equals("unknown")));
  }
}
