package dev.kernelplayground.jcuda;

import dev.kernelplayground.bench.CacheFlush;
import dev.kernelplayground.cudasource.BoundKernel;
import dev.kernelplayground.cudasource.BoundLaunch;
import dev.kernelplayground.cudasource.CudaBackend;
import dev.kernelplayground.cudasource.ElementType;
import dev.kernelplayground.cudasource.KernelArg;
import dev.kernelplayground.cudasource.KernelSource;
import dev.kernelplayground.run.KernelCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a GPU run shares across its kernels: the context, the L2 flush, the cuBLAS handle (when cuBLAS is
 * here), and the loaded modules, each compiled and loaded once. It is the GPU's {@link CudaBackend}: a bound
 * kernels/ file becomes a case with a device buffer per bound buffer (inputs as float or fp16, the output,
 * scratch buffers filled with NaN so a kernel that reads what nobody wrote fails), and every launch run in
 * order — in the checked run and in each timed run, so a multi-kernel file like attention/01_naive is timed
 * as a whole, by CUDA events.
 *
 * <pre>{@code
 * BoundKernel bound = BoundKernel.bind(KernelSource.load(file), sizes, seed);
 * TrialResult r = Trial.run(session.prepare(bound), BenchConfig.DEFAULT, session.cacheFlush());
 * }</pre>
 */
public final class GpuSession implements CudaBackend, AutoCloseable {
  private final CudaContext context;
  private L2Flush flush;
  private CublasBaseline cublas;
  private String cublasMissing;
  private final Map<String, CudaModule> modules = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final GpuCompiler compiler = new GpuCompiler();

  private GpuSession(CudaContext context, CublasBaseline cublas, String cublasMissing) {
    this.context = context;
    this.flush = new L2Flush(context);
    this.cublas = cublas;
    this.cublasMissing = cublasMissing;
  }

  /** Opens GPU 0; cuBLAS is optional (a machine may have the driver without cuBLAS 12). */
  public static GpuSession open() {
    CudaContext context = CudaContext.open(0);
    try {
      Probe probe = CudaAvailability.cublas();
      if (!probe.present()) {
        return new GpuSession(context, null, probe.detail());
      }
      try {
        return new GpuSession(context, CublasBaseline.open(context), null);
      } catch (CudaFailure e) {
        return new GpuSession(context, null, "cuBLAS did not start: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /**
   * After a kernel fault that left the context unusable: resets the GPU's primary context ({@link
   * CudaContext#reset}) and rebuilds what the session shares — the L2 flush buffer, the cuBLAS handle (when
   * there was one), the loaded modules (loaded again when next asked for) — so the next row runs.
   *
   * @throws CudaFailure when the reset, or rebuilding, fails
   */
  public synchronized void recover() {
    modules.clear();
    context.reset();
    flush = new L2Flush(context);
    if (cublas != null) {
      try {
        cublas = CublasBaseline.open(context);
      } catch (CudaFailure e) {
        cublas = null;
        cublasMissing = "cuBLAS did not start again after a GPU reset: " + e.getMessage();
      }
    }
    note("a kernel faulted and the GPU was reset (cuDevicePrimaryCtxReset); the rows after it ran on a fresh context");
  }

  public CudaContext context() {
    return context;
  }

  public CudaDeviceInfo device() {
    return context.device();
  }

  public L2Flush flush() {
    return flush;
  }

  public Optional<CublasBaseline> cublas() {
    return Optional.ofNullable(cublas);
  }

  /** Why there is no cuBLAS baseline, when there is none. */
  public String cublasMissing() {
    return cublasMissing;
  }

  /**
   * A kernels/ file compiled for this GPU's architecture (sm_XY from the device query) by nvcc (the PTX is cached
   * on disk by {@link dev.kernelplayground.compile.CudaCompiler}) or, without the CUDA toolkit, by NVRTC, and
   * loaded once per session (per file path and text).
   *
   * @throws dev.kernelplayground.compile.CompileException with nvcc's errors at the file's lines
   * @throws CudaCompileException with NVRTC's errors
   * @throws CudaUnavailableException when there is neither nvcc nor NVRTC on this machine
   * @throws CudaFailure when the driver refuses the PTX (e.g. a toolkit newer than the driver)
   */
  public synchronized CudaModule module(KernelSource source) {
    String key = source.path().toAbsolutePath().normalize() + "\u0000" + source.text();
    CudaModule module = modules.get(key);
    if (module == null) {
      GpuCompiler.Ptx ptx = compiler.compile(source, device());
      module = context.load(ptx.origin(), ptx.text());
      modules.put(key, module);
    }
    return module;
  }

  /** "cuda · NVIDIA H200". */
  @Override
  public String describe() {
    return "cuda · " + device().name();
  }

  /** The L2 flush. */
  @Override
  public CacheFlush cacheFlush() {
    return flush;
  }

  /** The bound file compiled for this GPU (once per session) and ready to check and time. */
  @Override
  public KernelCase prepare(BoundKernel bound) {
    CudaModule module = module(bound.source());
    Map<String, ElementType> inputs = new LinkedHashMap<>();
    for (KernelArg.Buffer in : bound.inputBuffers()) {
      inputs.put(in.name(), in.element());
    }
    DeviceCase device = new DeviceCase(bound.id(), bound.problem(), context, inputs, ElementType.FLOAT);
    Map<String, DeviceBuffer> scratch = new HashMap<>();
    for (KernelArg.Buffer s : bound.scratchBuffers()) {
      DeviceBuffer buffer = context.allocate(s.name(), s.element(), s.elements());
      buffer.fillBytes((byte) 0xFF); // NaN in fp32 and in fp16
      scratch.put(s.name(), buffer);
    }
    List<CudaFunction.Launch> launches = new ArrayList<>();
    for (BoundLaunch launch : bound.launches()) {
      Object[] values = launch.args().stream()
          .map(arg -> switch (arg) {
            case KernelArg.Buffer b -> switch (b.access()) {
              case IN -> (Object) device.input(b.name());
              case OUT -> device.output();
              case IN_OUT -> scratch.get(b.name());
            };
            // every int a header passes is a C int (the binder checked its range)
            case KernelArg.IntScalar i -> (Object) Math.toIntExact(i.value());
            case KernelArg.FloatScalar f -> (Object) f.value();
          })
          .toArray();
      launches.add(module.function(launch.kernelName()).prepare(launch.dims(), values));
    }
    return device.bind(
        () -> launches.forEach(CudaFunction.Launch::enqueue), bound.outputTile(), bound.check().precision());
  }

  /** Adds a line for the report's notes (something skipped, a fallback taken). */
  public synchronized void note(String line) {
    if (!notes.contains(line)) {
      notes.add(line);
    }
  }

  /** What happened along the way that a report should mention. */
  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  @Override
  public void close() {
    context.close();
  }
}
