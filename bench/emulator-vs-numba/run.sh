#!/usr/bin/env bash
# Side-by-side benchmark: the same 16x16 tiled matmul on the Kernel Playground's CUDA emulator and on
# Numba's CUDA simulator, on this machine, in one run. Not a test: it prints figures (docs/emulator.md).
# The emulator runs matmul_tiled from the emulator tests' tests/resources/emulator/matmul_tiled.cu;
# numba_matmul_tiled.py is the same kernel, line for line, with the same 16x16 tile.
#   bench/emulator-vs-numba/run.sh            # emulator at 128^3 and 512^3, Numba at 128^3
#   bench/emulator-vs-numba/run.sh 32 64      # smaller: emulator at 32^3 and 64^3, Numba at 32^3
# Needs: the project's JDK and Maven (./kp builds the jar), g++, and Debian's python3-numba.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
small="${1:-128}" large="${2:-512}"
kernel="$root/tests/resources/emulator/matmul_tiled.cu"

./kp --help >/dev/null  # builds target/kp.jar when the sources changed (and fails when there is no JDK)
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
java_bin="$(kp_find_java java /usr/lib/jvm/temurin-25-jdk-amd64)/bin/java"

echo "== CUDA emulator (g++, fibers, $(nproc) cores) =="
emulator="$("$java_bin" -cp target/kp.jar dev.kernelplayground.emulator.EmulatorBenchmark "$kernel" "$small" "$large" | tee /dev/stderr)"

echo "== Numba $(/usr/bin/python3 -c 'import numba; print(numba.__version__)' 2>/dev/null || echo '(missing: apt-get install python3-numba)') CUDA simulator =="
numba="$(NUMBA_ENABLE_CUDASIM=1 /usr/bin/python3 "$here/numba_matmul_tiled.py" "$small" | tee /dev/stderr)"

# the emulator's figures with the shared-memory sanitizer on (its default) and off
emu() { sed -n "s/^EMULATOR size=$1 sanitizer=$2 .*end_to_end=\([0-9.]*\).*/\1/p" <<<"$emulator"; }
num_small="$(sed -n "s/^NUMBA size=$small wall=\([0-9.]*\).*/\1/p" <<<"$numba")"
awk -v s="$small" -v l="$large" -v e="$(emu "$small" on)" -v eoff="$(emu "$small" off)" -v n="$num_small" \
    -v e5="$(emu "$large" on)" -v e5off="$(emu "$large" off)" 'BEGIN {
  printf "%d^3: emulator %.3f s (sanitizer on), Numba simulator %.1f s: the emulator is %.0fx faster (goal: >= 1000x)\n", s, e, n, n / e;
  printf "%d^3: emulator %.3f s with the sanitizer off (%.0fx Numba)\n", s, eoff, n / eoff;
  printf "%d^3: emulator %.3f s end to end with the sanitizer on, %.3f s off: %.2fx (goals: < 2 s on 2 cores; checked within 3x)\n", l, e5, e5off, e5 / e5off }'
