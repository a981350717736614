package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.exception.AparapiException;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.writer.KernelWriter;
import dev.kernelplayground.process.SignalChaining;

/**
 * Turning a Java kernel into OpenCL C: the generated source, and the check before a run that the kernel
 * translates at all — with a plain-words error naming the kernel class and the construct when it does not.
 */
public final class Translation {
  private Translation() {}

  /** The OpenCL C that Aparapi generates for the kernel's {@code run()}; needs no OpenCL device. */
  public static String openClSource(Kernel kernel) {
    lint(kernel);
    try {
      return KernelWriter.writeToString(ClassModel.createClassModel(kernel.getClass()).getEntrypoint("run", kernel));
    } catch (AparapiException e) {
      throw untranslatable(kernel, e);
    }
  }

  /** Throws {@link UntranslatableKernelException} unless the kernel builds for {@code device}. */
  static void requireTranslatable(Kernel kernel, OpenCLDevice device) {
    lint(kernel);
    try {
      kernel.compile(device);
    } catch (CompileFailedException e) {
      throw untranslatable(kernel, e);
    }
  }

  private static void lint(Kernel kernel) {
    KernelLint.firstProblem(kernel.getClass())
        .ifPresent(p -> {
          throw new UntranslatableKernelException(
              "kernel " + kernel.getClass().getName() + " cannot run on OpenCL: its " + p + ".", null);
        });
  }

  private static UntranslatableKernelException untranslatable(Kernel kernel, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = String.valueOf(root.getMessage());
    String unchained = e instanceof CompileFailedException ? SignalChaining.missingAdvice() : null;
    return new UntranslatableKernelException(
        "kernel " + kernel.getClass().getName() + " cannot run on OpenCL: " + construct(reason)
            + " (Aparapi says: " + reason + ")" + (unchained == null ? "" : "; perhaps not the kernel's fault: " + unchained) + ".",
        e);
  }

  /** Aparapi's reason in plain words, where it is one we recognise. */
  static String construct(String reason) {
    if (reason.contains("invokeinterface") || reason.contains("invokedynamic")) {
      return "it calls a lambda or an interface method";
    }
    if (reason.contains("java objects")) {
      return "it reads an object field (only primitives and arrays of primitives reach the device)";
    }
    if (reason.contains("recursion")) {
      return "it is recursive (" + reason.replaceAll(".*@(\\S+).*", "$1").replace("__", ".") + ")";
    }
    if (reason.contains("new instructions")) {
      return "it uses new (to allocate, or to build an exception to throw)";
    }
    if (reason.toLowerCase().contains("athrow")) {
      return "it throws an exception";
    }
    return "Aparapi could not translate it";
  }
}
