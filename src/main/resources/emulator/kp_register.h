// kp_register.h — the kernel table: how a kernel's parameters are filled from the launch's arguments.
// The rewritten .cu file ends with one kp::Register<&kernel> per kernel; kp_driver.cpp (compiled once,
// linked into every kernel binary) looks launches up in the table.
#pragma once
#include "kp_cuda.h"

namespace kp {
enum ElemKind { F32 = 0, I32 = 1, U16 = 2 };
enum Direction { IN = 0, OUT = 1, INOUT = 2 };
enum ArgKind { ARG_BUFFER, ARG_INT, ARG_FLOAT };

struct Buffer {
  char* data;
  size_t bytes;
  char* region;
  size_t regionBytes;
  char* lowGuardEnd;    // [region, lowGuardEnd) is a guard
  char* highGuard;      // [highGuard, highGuard + page) is a guard
  int elemSize;
  int elemKind;
  int dir;
  int arg;
  std::string path;
};

struct ArgSpec {
  ArgKind kind;
  long long ival = 0;
  float fval = 0;
  Buffer* buf = nullptr;
};

struct Param {
  std::string name;
  std::string type;
  bool (*make)(const ArgSpec&, int index, void** out, std::string& error);
};

struct KernelEntry {
  std::string name;
  std::vector<Param> params;
  void (*invoke)(void** argv);
};

// Adds a kernel to the table the driver looks launches up in (defined in kp_driver.cpp).
void register_kernel(const KernelEntry& entry);

template <class T> struct TypeName { static std::string get() { return "a struct or other type"; } };
#define KP_TYPE_NAME(T) template <> struct TypeName<T> { static std::string get() { return #T; } };
KP_TYPE_NAME(float) KP_TYPE_NAME(double) KP_TYPE_NAME(int) KP_TYPE_NAME(unsigned) KP_TYPE_NAME(long)
KP_TYPE_NAME(unsigned long) KP_TYPE_NAME(long long) KP_TYPE_NAME(unsigned long long) KP_TYPE_NAME(short)
KP_TYPE_NAME(unsigned short) KP_TYPE_NAME(char) KP_TYPE_NAME(signed char) KP_TYPE_NAME(unsigned char)
KP_TYPE_NAME(bool) KP_TYPE_NAME(__half) KP_TYPE_NAME(__nv_bfloat16) KP_TYPE_NAME(__half2)
KP_TYPE_NAME(__nv_bfloat162) KP_TYPE_NAME(float2) KP_TYPE_NAME(float4) KP_TYPE_NAME(int2) KP_TYPE_NAME(int4)
KP_TYPE_NAME(uint4) KP_TYPE_NAME(double2)
template <class T> struct TypeName<const T> { static std::string get() { return "const " + TypeName<T>::get(); } };
template <class T> struct TypeName<gptr<T>> { static std::string get() { return TypeName<T>::get() + "*"; } };
template <class T> struct TypeName<T*> { static std::string get() { return TypeName<T>::get() + "*"; } };

template <class A>
bool make_param(const ArgSpec& s, int index, void** out, std::string& error) {
  if constexpr (is_gptr<A>::value) {
    using E = std::remove_cv_t<typename A::element_type>;
    if (s.kind != ARG_BUFFER) {
      error = "is a pointer (" + TypeName<A>::get() + ") but a scalar was passed";
      return false;
    }
    int want = -1;
    if constexpr (std::is_same_v<E, float>) want = F32;
    if constexpr (std::is_same_v<E, int> || std::is_same_v<E, unsigned>) want = I32;
    if constexpr (std::is_same_v<E, __half> || std::is_same_v<E, __nv_bfloat16> || std::is_same_v<E, short> ||
                  std::is_same_v<E, unsigned short>)
      want = U16;
    static const char* names[] = {"float[]", "int[]", "short[] (16-bit patterns)"};
    if (want >= 0 && want != s.buf->elemKind) {
      error = "is " + TypeName<A>::get() + " but a Java " + names[s.buf->elemKind] + " was passed (it needs a " +
              names[want] + ")";
      return false;
    }
    *out = new A(reinterpret_cast<typename A::element_type*>(s.buf->data), s.buf->data, s.buf->data + s.buf->bytes,
                 index);
    return true;
  } else if constexpr (std::is_pointer_v<A> && !std::is_pointer_v<std::remove_pointer_t<A>>) {
    // A kernel the rewriting did not see (declared in an included header): a plain pointer, checked only
    // by the guard pages around its buffer.
    if (s.kind != ARG_BUFFER) {
      error = "is a pointer (" + TypeName<A>::get() + ") but a scalar was passed";
      return false;
    }
    *out = new A(reinterpret_cast<A>(s.buf->data));
    return true;
  } else if constexpr (std::is_pointer_v<A>) {
    error = "is a pointer to a pointer (" + TypeName<A>::get() + "), which the emulator cannot pass";
    return false;
  } else if constexpr (std::is_integral_v<A>) {
    if (s.kind != ARG_INT) {
      error = "is " + TypeName<A>::get() + (s.kind == ARG_FLOAT ? " but a float was passed" : " but a buffer was passed");
      return false;
    }
    *out = new A(A(s.ival));
    return true;
  } else if constexpr (std::is_floating_point_v<A> || std::is_same_v<A, __half> ||
                       std::is_same_v<A, __nv_bfloat16>) {
    if (s.kind != ARG_FLOAT) {
      error = "is " + TypeName<A>::get() + (s.kind == ARG_INT ? " but an int was passed" : " but a buffer was passed");
      return false;
    }
    *out = new A(A(s.fval));
    return true;
  } else {
    error = "has a type the playground cannot pass (only pointers, integers and floating-point scalars)";
    return false;
  }
}

template <auto F>
struct Register;
template <class... A, void (*F)(A...)>
struct Register<F> {
  Register(const char* name, const char* paramNames) {
    KernelEntry e;
    e.name = name;
    std::vector<std::string> names;
    std::string current;
    for (const char* c = paramNames;; c++) {
      if (*c == ',' || *c == 0) {
        names.push_back(current);
        current.clear();
        if (*c == 0) break;
      } else {
        current += *c;
      }
    }
    std::string types[] = {TypeName<A>::get()..., ""};
    decltype(&make_param<int>) makers[] = {&make_param<A>..., nullptr};
    for (size_t i = 0; i < sizeof...(A); i++) {
      std::string n = i < names.size() && !names[i].empty() ? names[i] : "#" + std::to_string(i + 1);
      e.params.push_back(Param{n, types[i], makers[i]});
    }
    e.invoke = &invoke;
    register_kernel(e);
  }
  static void invoke(void** argv) { call(argv, std::index_sequence_for<A...>{}); }
  template <size_t... I>
  static void call(void** argv, std::index_sequence<I...>) {
    (void)argv;
    F(*static_cast<A*>(argv[I])...);
  }
};

}  // namespace kp
