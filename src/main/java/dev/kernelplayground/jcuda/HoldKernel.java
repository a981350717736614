package dev.kernelplayground.jcuda;

import dev.kernelplayground.cudasource.LaunchDims;

/**
 * A one-thread kernel that spins on the GPU's global timer for {@link #NANOSECONDS}. Enqueued after the L2
 * flush and before the start event, it keeps the GPU busy while the host records the start event and enqueues
 * the timed work, so the work follows the start event on the GPU with no idle gap, however long the host takes
 * to enqueue it (a cuBLAS call's host-side work, a Java path not yet compiled). Without it, a host slower than
 * the flush's fill (about 40 µs on an H200) put its own time into the measured interval: on an H200 the cuBLAS
 * rows read 30–70 µs slower than torch.mm of the same sizes. nvbench holds the stream with a kernel that waits
 * for the host's signal; a fixed time needs no signal and cannot deadlock if the host blocks.
 */
final class HoldKernel {
  /** A millisecond: far more than an event record and a launch take on the host, little next to a benchmark. */
  static final long NANOSECONDS = 1_000_000;

  /** PTX any driver since CUDA 9 JIT-compiles for any GPU since Maxwell; %globaltimer counts nanoseconds. */
  static final String PTX = """
      .version 6.0
      .target sm_50
      .address_size 64

      .visible .entry kp_hold(.param .u64 kp_hold_nanoseconds)
      {
        .reg .pred %p<2>;
        .reg .b64 %rd<5>;
        ld.param.u64 %rd1, [kp_hold_nanoseconds];
        mov.u64 %rd2, %globaltimer;
        add.u64 %rd3, %rd2, %rd1;
      $L_spin:
        mov.u64 %rd4, %globaltimer;
        setp.lt.u64 %p1, %rd4, %rd3;
        @%p1 bra $L_spin;
        ret;
      }
      """;

  private final CudaFunction.Launch launch;

  HoldKernel(CudaContext context, long nanoseconds) {
    launch = context.load("the timing hold kernel (HoldKernel.PTX)", PTX)
        .function("kp_hold")
        .prepare(new LaunchDims(1, 1, 1, 1, 1, 1, 0), nanoseconds);
  }

  /** Enqueues the hold on the default stream; returns at once. */
  void enqueue() {
    launch.enqueue();
  }
}
