// Part of the Kernel Playground CUDA emulator: the device-side generators (curand_kernel.h). cuRAND's host
// API (curandCreateGenerator...) is not emulated; its calls do not compile, naming them.
#pragma once
#include "curand_kernel.h"
