#!/bin/sh
# Whole programs on the CUDA emulator: the first compile of a program and its end-to-end runs (child process,
# main and kernels), for the 2^20-element unified-memory vector add of the emulator's tests. CPU timings.
# Usage: bench/emulator-programs/run.sh [N]   (from the repository root; builds the jar when needed)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./kp --version > /dev/null
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" -cp target/kp.jar dev.kernelplayground.emulator.ProgramBenchmark \
  tests/resources/emulator/programs/managed_add.cu "${1:-1048576}"
