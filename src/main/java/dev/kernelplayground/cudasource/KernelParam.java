package dev.kernelplayground.cudasource;

import java.util.Map;

/**
 * One parameter of a kernel as its header's {@code @kp args:} line declares it: a declaration, still in terms of
 * the problem's sizes. Binding ({@link BoundKernel#bind}) resolves it for concrete sizes into a {@link KernelArg}.
 *
 * @param cType the C type as written, normalised: "const float*", "float*", "const __half*", "int", "float"
 * @param name the argument's name; for INPUT, OUTPUT and SIZE it says what is passed
 * @param role what the argument carries
 * @param expression SCRATCH: its size in elements; SCALAR: its value; otherwise null
 */
public record KernelParam(String cType, String name, ArgRole role, SizeExpression expression) {

  /** Whether the argument is a device pointer. */
  public boolean pointer() {
    return cType.endsWith("*");
  }

  /** The element type of a pointer ("float", "__half"), or the scalar type. */
  public String elementType() {
    return cType.replace("const", "").replace("*", "").trim();
  }

  /** SCALAR: the value for these sizes; SIZE: the size itself. A float scalar keeps its fraction. */
  public Number scalarValue(Map<String, ? extends Number> sizes) {
    return switch (role) {
      case SIZE -> {
        Number value = sizes.get(name);
        if (value == null) {
          throw new IllegalArgumentException("size '" + name + "' was not given");
        }
        yield value.intValue();
      }
      case SCALAR -> elementType().equals("int") ? (Number) (int) expression.evaluateWhole(sizes)
          : (Number) (float) expression.evaluate(sizes);
      default -> throw new IllegalStateException(name + " is a buffer, not a scalar");
    };
  }

  /** SCRATCH: its size in elements for these sizes. */
  public long scratchElements(Map<String, ? extends Number> sizes) {
    if (role != ArgRole.SCRATCH) {
      throw new IllegalStateException(name + " is not a scratch buffer");
    }
    return expression.evaluateWhole(sizes);
  }

  /** As a header writes it, e.g. "float* scores[batch * heads * seq * seq]" or "float scale = 1 / sqrt(dim)". */
  @Override
  public String toString() {
    String text = cType + " " + name;
    if (role == ArgRole.SCRATCH) {
      text += "[" + expression.text() + "]";
    } else if (role == ArgRole.SCALAR) {
      text += " = " + expression.text();
    }
    return text;
  }
}
