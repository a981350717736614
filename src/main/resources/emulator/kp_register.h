// kp_register.h — the kernel table: how a kernel's parameters are filled from the launch's arguments.
// The rewritten .cu file ends with one kp::Register<&kernel> per kernel; kp_driver.cpp (compiled once,
// linked into every kernel binary) looks launches up in the table. Little is a template here: what is
// instantiated is compiled again for every kernel file (strings and vectors here once cost half its compile).
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

// What the driver needs to know of one kernel parameter's type, worked out when the kernel file is compiled:
// everything else (checking a launch's argument against it, the messages) is the driver's, compiled once.
enum ParamKind { PARAM_GPTR, PARAM_POINTER, PARAM_POINTER_TO_POINTER, PARAM_INTEGER, PARAM_FLOATING, PARAM_OTHER };
struct ParamType {
  ParamKind kind;
  int want;           // a pointer's element kind (F32, I32, U16), or -1 for any
  const char* base;   // the innermost type's name ("float"), or null for a struct or other type
  bool isConst;       // whether the innermost type is const
  int pointers;       // how many pointers (or kp::gptr) lead to it
  void* (*make)(const ArgSpec& s, int index);  // a new copy of the value the kernel gets, once the kind fits
};

// Adds a kernel to the table the driver looks launches up in (defined in kp_driver.cpp).
void register_kernel(const char* name, const char* paramNames, int nParams, const ParamType* params,
                     void (*invoke)(void** argv));

template <class T>
constexpr const char* base_name() {
  using U = std::remove_cv_t<T>;
#define KP_BASE_NAME(N) if constexpr (std::is_same_v<U, N>) return #N; else
  KP_BASE_NAME(float) KP_BASE_NAME(double) KP_BASE_NAME(int) KP_BASE_NAME(unsigned) KP_BASE_NAME(long)
  KP_BASE_NAME(unsigned long) KP_BASE_NAME(long long) KP_BASE_NAME(unsigned long long) KP_BASE_NAME(short)
  KP_BASE_NAME(unsigned short) KP_BASE_NAME(char) KP_BASE_NAME(signed char) KP_BASE_NAME(unsigned char)
  KP_BASE_NAME(bool) KP_BASE_NAME(__half) KP_BASE_NAME(__nv_bfloat16) KP_BASE_NAME(__half2)
  KP_BASE_NAME(__nv_bfloat162) KP_BASE_NAME(float2) KP_BASE_NAME(float4) KP_BASE_NAME(int2) KP_BASE_NAME(int4)
  KP_BASE_NAME(uint4) KP_BASE_NAME(double2) return nullptr;
#undef KP_BASE_NAME
}

// The innermost type behind pointers and kp::gptr, and how many lead to it.
template <class T> struct Pointee { using type = T; static constexpr int depth = 0; };
template <class T> struct Pointee<T*> { using type = typename Pointee<T>::type; static constexpr int depth = 1 + Pointee<T>::depth; };
template <class T> struct Pointee<T* const> : Pointee<T*> {};
template <class T> struct Pointee<gptr<T>> : Pointee<T*> {};

template <class A>
void* make_param(const ArgSpec& s, int index) {
  if constexpr (is_gptr<A>::value) {
    return new A(reinterpret_cast<typename A::element_type*>(s.buf->data), s.buf->data, s.buf->data + s.buf->bytes,
                 index);
  } else if constexpr (std::is_pointer_v<A>) {
    // A kernel the rewriting did not see (declared in an included header): a plain pointer, checked only
    // by the guard pages around its buffer.
    return new A(reinterpret_cast<A>(s.buf->data));
  } else if constexpr (std::is_integral_v<A>) {
    return new A(A(s.ival));
  } else if constexpr (std::is_floating_point_v<A> || std::is_same_v<A, __half> || std::is_same_v<A, __nv_bfloat16>) {
    return new A(A(s.fval));
  } else {
    return nullptr;
  }
}

template <class A>
constexpr ParamType param_type() {
  using Inner = typename Pointee<A>::type;
  using E = std::remove_cv_t<Inner>;
  int want = -1;
  if constexpr (std::is_same_v<E, float>) want = F32;
  if constexpr (std::is_same_v<E, int> || std::is_same_v<E, unsigned>) want = I32;
  if constexpr (std::is_same_v<E, __half> || std::is_same_v<E, __nv_bfloat16> || std::is_same_v<E, short> ||
                std::is_same_v<E, unsigned short>)
    want = U16;
  ParamKind kind = PARAM_OTHER;
  if constexpr (is_gptr<A>::value) kind = PARAM_GPTR;
  else if constexpr (std::is_pointer_v<A> && !std::is_pointer_v<std::remove_pointer_t<A>>) kind = PARAM_POINTER, want = -1;
  else if constexpr (std::is_pointer_v<A>) kind = PARAM_POINTER_TO_POINTER;
  else if constexpr (std::is_integral_v<A>) kind = PARAM_INTEGER;
  else if constexpr (std::is_floating_point_v<A> || std::is_same_v<A, __half> || std::is_same_v<A, __nv_bfloat16>)
    kind = PARAM_FLOATING;
  return ParamType{kind, want, base_name<Inner>(), std::is_const_v<Inner>, Pointee<A>::depth, &make_param<A>};
}

template <auto F>
struct Register;
template <class... A, void (*F)(A...)>
struct Register<F> {
  Register(const char* name, const char* paramNames) {
    static constexpr ParamType types[] = {param_type<A>()..., ParamType{PARAM_OTHER, -1, nullptr, false, 0, nullptr}};
    register_kernel(name, paramNames, int(sizeof...(A)), types, &invoke);
  }
  static void invoke(void** argv) { call(argv, std::index_sequence_for<A...>{}); }
  template <size_t... I>
  static void call(void** argv, std::index_sequence<I...>) {
    (void)argv;
    F(*static_cast<A*>(argv[I])...);
  }
};

}  // namespace kp
