package dev.kernelplayground.aparapi;

import com.aparapi.Kernel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.Utility;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.AllocationInstruction;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * Reads a kernel's bytecode (with BCEL, which Aparapi itself uses) from {@code run()} through the kernel
 * methods it calls, and names the first construct OpenCL C cannot express. It runs before Aparapi sees the
 * kernel because Aparapi's own translator does not always answer: given {@code new float[4]} in a kernel
 * method, Aparapi 3.0.2's code generator loops forever.
 */
final class KernelLint {
  /**
   * Words that are types, qualifiers or keywords in OpenCL C but fine Java names: a variable called
   * {@code half} or {@code local} translates to OpenCL C that does not compile, and PoCL's complaint
   * ("cannot combine with previous 'int' declaration specifier") never names the Java.
   */
  private static final Set<String> OPENCL_WORDS =
      Set.of(
          "half", "bool", "uchar", "ushort", "uint", "ulong", "size_t", "ptrdiff_t", "intptr_t", "uintptr_t",
          "global", "local", "constant", "private", "kernel", "read_only", "write_only", "read_write",
          "signed", "unsigned", "struct", "union", "typedef", "sizeof", "inline", "restrict", "register",
          "auto", "extern", "complex", "imaginary", "sampler_t", "event_t", "image2d_t", "image3d_t");

  private KernelLint() {}

  /** The problem in words, e.g. "method run() calls a lambda or interface method", or empty. */
  static Optional<String> firstProblem(Class<? extends Kernel> kernelClass) {
    JavaClass jc = parse(kernelClass);
    if (jc == null) {
      return Optional.empty(); // no class file to read (e.g. defined at run time): leave it to Aparapi
    }
    Optional<String> name = openClWordField(jc);
    if (name.isPresent()) {
      return name;
    }
    ConstantPoolGen cp = new ConstantPoolGen(jc.getConstantPool());
    Map<String, Method> methods = new HashMap<>();
    for (Method m : jc.getMethods()) {
      methods.put(m.getName() + m.getSignature(), m);
    }
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.push("run()V");
    while (!todo.isEmpty()) {
      Method m = methods.get(todo.pop());
      if (m == null || m.getCode() == null || !seen.add(m.getName() + m.getSignature())) {
        continue;
      }
      Optional<String> variable = openClWordVariable(m);
      if (variable.isPresent()) {
        return variable;
      }
      InstructionHandle[] code = new InstructionList(m.getCode().getCode()).getInstructionHandles();
      // a lambda call is also a read of an object field: name the call, the more telling of the two
      for (boolean callsOnly : new boolean[] {true, false}) {
        for (InstructionHandle h : code) {
          Instruction i = h.getInstruction();
          boolean isCall = i instanceof INVOKEDYNAMIC || i instanceof INVOKEINTERFACE;
          Optional<String> problem = callsOnly && !isCall ? Optional.empty() : problem(i, cp);
          if (problem.isPresent()) {
            return Optional.of("method " + m.getName() + "() " + problem.get());
          }
        }
      }
      for (InstructionHandle h : code) {
        if (h.getInstruction() instanceof InvokeInstruction call) {
          todo.push(call.getMethodName(cp) + call.getSignature(cp));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> openClWordField(JavaClass jc) {
    for (Field f : jc.getFields()) {
      if (!f.isStatic() && isOpenClWord(f.getName())) {
        return Optional.of("field " + f.getName() + " is named with an OpenCL C keyword (" + f.getName()
            + "): rename it");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> openClWordVariable(Method m) {
    LocalVariableTable table = m.getLocalVariableTable();
    if (table == null) {
      return Optional.empty(); // compiled without -g: nothing to read
    }
    for (LocalVariable v : table.getLocalVariableTable()) {
      if (isOpenClWord(v.getName())) {
        return Optional.of("method " + m.getName() + "() has a variable named " + v.getName()
            + ", an OpenCL C keyword: rename it");
      }
    }
    return Optional.empty();
  }

  private static boolean isOpenClWord(String name) {
    return OPENCL_WORDS.contains(name) || name.matches("(char|uchar|short|ushort|int|uint|long|ulong|float|double|half)(2|3|4|8|16)");
  }

  private static Optional<String> problem(Instruction i, ConstantPoolGen cp) {
    if (i instanceof INVOKEDYNAMIC) {
      return Optional.of("creates a lambda or method reference");
    }
    if (i instanceof INVOKEINTERFACE call) {
      return Optional.of(
          "calls " + call.getMethodName(cp) + "() through an interface (a lambda or interface call)");
    }
    if (i instanceof ATHROW) {
      return Optional.of("throws an exception (throw)");
    }
    if (i instanceof AllocationInstruction) {
      return Optional.of("allocates with new (objects and arrays must be made outside the kernel)");
    }
    if (i instanceof GETFIELD || i instanceof GETSTATIC) {
      var f = (FieldInstruction) i;
      String sig = f.getSignature(cp);
      boolean primitiveOrArrayOfPrimitives = sig.matches("\\[?[ZBCSIJFD]");
      if (!primitiveOrArrayOfPrimitives) {
        return Optional.of(
            "reads the object field " + f.getFieldName(cp) + " (a "
                + Utility.signatureToString(sig, false) + "): kernels may read only primitives and 1-D arrays of primitives");
      }
    }
    return Optional.empty();
  }

  private static JavaClass parse(Class<?> c) {
    String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = c.getResourceAsStream(file)) {
      return in == null ? null : new ClassParser(in, file).parse();
    } catch (IOException e) {
      return null;
    }
  }
}
