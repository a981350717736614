package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.EnclosingMethod;
import org.apache.bcel.classfile.InnerClasses;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.MethodParameters;
import org.apache.bcel.classfile.NestHost;
import org.apache.bcel.generic.ClassGen;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.InstructionConst;
import org.apache.bcel.generic.InstructionFactory;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InstructionTargeter;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.TargetLostException;
import org.apache.bcel.generic.Type;

/**
 * Kernels written in a notebook cell, made translatable. JShell's in-process engine inserts a call to
 * {@code REPL.$Cancel$.stopCheck()} at every loop back-edge and method entry of the classes a cell
 * defines, so that the interrupt button can stop a runaway loop; Aparapi cannot translate that call (it
 * is a call into another class) and gives up. For OpenCL such a kernel runs as a copy of its class with
 * those calls removed — same fields, same arrays (so its output lands where the cell expects it) — loaded
 * next to the original, in the Java 5 class-file format (removing calls invalidates the stack maps that
 * newer formats require). On Java threads the original runs as it is, interrupt and all.
 */
final class NotebookKernels {
  private static final String CANCEL_CLASS = "REPL.$Cancel$";
  private static final Map<Class<?>, Class<? extends Kernel>> COPIES = new ConcurrentHashMap<>();

  private NotebookKernels() {}

  /** The kernel itself, or for a kernel defined in a JShell cell an uninstrumented copy of it. */
  static Kernel translatable(Kernel kernel) {
    Class<? extends Kernel> type = kernel.getClass();
    byte[] bytes = classBytes(type);
    if (bytes == null || !mentionsCancel(bytes)) {
      return kernel;
    }
    if (type.getSuperclass() != Kernel.class) {
      throw new UntranslatableKernelException(
          "kernel " + type.getName() + " is defined in a notebook cell and extends " + type.getSuperclass().getName()
              + ": a notebook kernel must extend com.aparapi.Kernel directly to run on OpenCL", null);
    }
    Class<? extends Kernel> copyType = COPIES.computeIfAbsent(type, t -> define(type, strip(bytes, type.getName())));
    try {
      Kernel copy = copyType.getDeclaredConstructor().newInstance();
      for (Class<?> c = type; c != Kernel.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          f.setAccessible(true);
          Field target = copyType.getDeclaredField(f.getName());
          target.setAccessible(true);
          target.set(copy, f.get(kernel));
        }
      }
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not copy notebook kernel " + type.getName() + " for OpenCL: " + e, e);
    }
  }

  private static byte[] classBytes(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean mentionsCancel(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("REPL/$Cancel$");
  }

  /** The class file without its stop checks, and with a no-argument constructor to make copies with. */
  static byte[] strip(byte[] bytes, String className) {
    try {
      JavaClass parsed = new ClassParser(new ByteArrayInputStream(bytes), className + ".class").parse();
      ClassGen gen = new ClassGen(parsed);
      ConstantPoolGen cp = gen.getConstantPool();
      for (Method m : gen.getMethods()) {
        if (m.getCode() == null) {
          continue;
        }
        MethodGen mg = new MethodGen(m, gen.getClassName(), cp);
        InstructionList code = mg.getInstructionList();
        for (InstructionHandle h : code.getInstructionHandles()) {
          if (h.getInstruction() instanceof INVOKESTATIC call && call.getClassName(cp).equals(CANCEL_CLASS)) {
            delete(code, h);
          }
        }
        mg.removeCodeAttributes(); // the StackMapTable's offsets no longer hold
        for (Attribute a : mg.getAttributes()) {
          if (a instanceof MethodParameters) {
            mg.removeAttribute(a); // not part of the Java 5 format: Aparapi's reader would warn
          }
        }
        mg.setMaxStack();
        mg.setMaxLocals();
        gen.replaceMethod(m, mg.getMethod());
        code.dispose();
      }
      Method noArgs = gen.containsMethod("<init>", "()V");
      if (noArgs != null) {
        gen.removeMethod(noArgs);
      }
      InstructionList body = new InstructionList();
      body.append(InstructionConst.ALOAD_0);
      body.append(new InstructionFactory(gen).createInvoke(Kernel.class.getName(), "<init>", Type.VOID, Type.NO_ARGS, Const.INVOKESPECIAL));
      body.append(InstructionConst.RETURN);
      MethodGen constructor = new MethodGen(Const.ACC_PUBLIC, Type.VOID, Type.NO_ARGS, new String[0], "<init>", gen.getClassName(), body, cp);
      constructor.setMaxStack();
      constructor.setMaxLocals();
      gen.addMethod(constructor.getMethod());
      // The copy lives in a loader of its own, where JShell's wrapper class (its nominal outer class) is
      // out of reach: it becomes a top-level class.
      for (Attribute a : gen.getAttributes()) {
        if (a instanceof InnerClasses || a instanceof NestHost || a instanceof EnclosingMethod) {
          gen.removeAttribute(a);
        }
      }
      // Without stack maps the class must use the Java 5 format, whose verifier infers the types itself.
      gen.setMajor(Const.MAJOR_1_5);
      gen.setMinor(0);
      return gen.getJavaClass().getBytes();
    } catch (IOException e) {
      throw new IllegalStateException("could not read notebook kernel " + className + ": " + e, e);
    }
  }

  /** Removes one instruction; a jump that landed on it lands on the next one. */
  private static void delete(InstructionList code, InstructionHandle h) {
    InstructionHandle next = h.getNext();
    try {
      code.delete(h);
    } catch (TargetLostException lost) {
      for (InstructionHandle target : lost.getTargets()) {
        for (InstructionTargeter t : target.getTargeters()) {
          t.updateTarget(target, next);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Kernel> define(Class<? extends Kernel> original, byte[] stripped) {
    String name = original.getName();
    String file = name.replace('.', '/') + ".class";
    ClassLoader loader =
        new ClassLoader(original.getClassLoader()) {
          @Override
          protected synchronized Class<?> loadClass(String wanted, boolean resolve) throws ClassNotFoundException {
            if (!wanted.equals(name)) {
              return super.loadClass(wanted, resolve);
            }
            Class<?> c = findLoadedClass(wanted);
            return c != null ? c : defineClass(wanted, stripped, 0, stripped.length);
          }

          @Override
          public InputStream getResourceAsStream(String resource) {
            return resource.equals(file) ? new ByteArrayInputStream(stripped) : super.getResourceAsStream(resource);
          }
        };
    try {
      return (Class<? extends Kernel>) loader.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("could not load the copy of notebook kernel " + name, e);
    }
  }
}
