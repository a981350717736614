// cublas_v2.h on the emulator: cuBLAS's types and the declarations programs use, so a program that includes
// it runs. cuBLAS itself is not emulated: a call that would compute (cublasSgemm...) prints which call and
// line, and returns CUBLAS_STATUS_NOT_SUPPORTED. Handles, streams and math modes are accepted.
#pragma once
#include "kp_cuda.h"
#include "cublas_api_kp.h"
