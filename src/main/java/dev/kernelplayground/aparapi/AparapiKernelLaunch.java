package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import dev.kernelplayground.device.KernelLaunch;
import java.util.List;

/** A launch of one or more Aparapi kernels that can show the kernels it ran, e.g. for their OpenCL C. */
public interface AparapiKernelLaunch extends KernelLaunch {
  /** The kernels of the latest run, in launch order; empty before the first run. */
  List<Kernel> kernels();
}
