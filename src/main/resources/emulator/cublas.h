// Part of the Kernel Playground CUDA emulator: see cublas_v2.h.
#pragma once
#include "cublas_v2.h"
