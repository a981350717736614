// cooperative_groups/memcpy_async.h on the emulator: memcpy_async and wait live in cooperative_groups.h
// (a synchronous copy, each thread of the group its share; wait is the group's barrier).
#pragma once
#include "../cooperative_groups.h"
