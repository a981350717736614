// Part of the Kernel Playground CUDA emulator: everything lives in kp_cuda.h.
#pragma once
#include "kp_cuda.h"
