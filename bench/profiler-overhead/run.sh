#!/bin/sh
# What profiling costs (issue 13's goal: within 3x of plain emulation): kernels/matmul/05_blocktile_2d.cu at N^3,
# its plain and its profiling build launched alternately RUNS times with the same inputs, at 1 and 2 CPU threads;
# prints the medians of the child's CPU time, their ratio, whether the outputs agree, the counts, and the load.
# Usage: bench/profiler-overhead/run.sh [N] [RUNS]   (from the repository root; builds the jar when needed)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./kp --version > /dev/null
# shellcheck source=scripts/find-jdk.sh
. scripts/find-jdk.sh
kp_use_jdk || { echo "bench: no JDK >= 21 (JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }
java=$JAVA_HOME/bin/java
uptime
"$java" -cp target/kp.jar dev.kernelplayground.emulator.ProfilerBenchmark \
  kernels/matmul/05_blocktile_2d.cu "${1:-512}" "${2:-5}"
uptime
