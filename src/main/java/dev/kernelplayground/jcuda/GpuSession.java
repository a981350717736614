package dev.kernelplayground.jcuda;

import dev.kernelplayground.compile.CompileResult;
import dev.kernelplayground.compile.CudaCompiler;
import dev.kernelplayground.cudasource.KernelSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a GPU run shares across its kernels: the context, the L2 flush, the cuBLAS handle (when cuBLAS is
 * here), and the loaded modules, each PTX loaded once.
 */
public final class GpuSession implements AutoCloseable {
  private final CudaContext context;
  private final L2Flush flush;
  private final CublasBaseline cublas;
  private final String cublasMissing;
  private final Map<String, CudaModule> modules = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private CudaModule playground;
  private CudaCompiler compiler;

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
      CublasBaseline cublas;
      try {
        cublas = CublasBaseline.open(context);
      } catch (CudaFailure e) {
        return new GpuSession(context, null, "cuBLAS did not start: " + e.getMessage());
      }
      return new GpuSession(context, cublas, null);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
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

  /** The module for {@code ptx}, loaded on first use and kept for the session (keyed by its origin). */
  public synchronized CudaModule module(PtxSource ptx) {
    return modules.computeIfAbsent(ptx.origin() + "\u0000" + ptx.text().hashCode(), k -> context.load(ptx));
  }

  /**
   * The backend's own kernels (vector_add, copy_float4, matmul_tiled) for this GPU: compiled by nvcc for
   * its architecture when nvcc is here, else the committed PTX. When nvcc's PTX does not compile or load
   * (a toolkit newer than the driver, an architecture the toolkit does not know) the committed PTX is
   * used and {@link #notes} says why.
   */
  public synchronized CudaModule playground() {
    if (playground == null) {
      try {
        playground = module(PtxSource.playground(device().computeArch()));
      } catch (CudaCompileException | CudaFailure e) {
        notes.add("the backend's kernels were compiled by nvcc but could not be used ("
            + e.getMessage().lines().findFirst().orElse("") + "); the committed PTX was used instead");
        playground = module(PtxSource.resource(PtxSource.PLAYGROUND_PTX));
      }
    }
    return playground;
  }

  /**
   * A kernels/ file compiled by nvcc for this GPU's architecture (sm_XY from the device query; the PTX is
   * cached on disk by {@link CudaCompiler}) and loaded once per session.
   *
   * @throws dev.kernelplayground.compile.CompileException with nvcc's errors at the file's lines
   * @throws IllegalStateException when there is no nvcc on this machine
   * @throws CudaFailure when the driver refuses the PTX (e.g. a toolkit newer than the driver)
   */
  public synchronized CudaModule module(KernelSource source) {
    if (compiler == null) {
      compiler = CudaCompiler.onThisMachine();
    }
    CompileResult compiled = compiler.compile(source.path(), source.text(), device().smArch());
    return module(new PtxSource(source.id() + ".cu (nvcc, " + compiled.arch() + ")", compiled.ptx()));
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
