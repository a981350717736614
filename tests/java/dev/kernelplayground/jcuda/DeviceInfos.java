package dev.kernelplayground.jcuda;

/** Device descriptions as the driver reports them for known GPUs, for tests that need no GPU. */
final class DeviceInfos {
  private DeviceInfos() {}

  /** GeForce RTX 4090 as cuDeviceGetAttribute reports it (deviceQuery output). */
  static CudaDeviceInfo rtx4090() {
    return new CudaDeviceInfo(0, "NVIDIA GeForce RTX 4090", 8, 9, 128, 2_520_000, 10_501_000, 384,
        25_393_692_672L, 72L << 20, 100 * 1024, 99 * 1024, 65_536, 65_536, 1536, 1024, 32, false, "12.6");
  }

  /** NVIDIA L4. */
  static CudaDeviceInfo l4() {
    return new CudaDeviceInfo(0, "NVIDIA L4", 8, 9, 58, 2_040_000, 6_251_000, 192,
        23_580_639_232L, 48L << 20, 100 * 1024, 99 * 1024, 65_536, 65_536, 1536, 1024, 32, true, "12.2");
  }
}
