#!/usr/bin/env bash
# Side-by-side benchmark: the same 16x16 tiled matmul on the Kernel Playground's CUDA emulator and on
# Numba's CUDA simulator, on this machine, in one run. Not a test: it prints figures (docs/emulator.md).
#   bench/emulator-vs-numba/run.sh            # emulator at 128^3 and 512^3, Numba at 128^3
# Needs: the project's JDK and Maven (./kp builds the jar), g++, and Debian's python3-numba.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

./kp --help >/dev/null  # builds target/kp.jar when the sources changed (and fails when there is no JDK)
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
java_bin="$(kp_find_java java /usr/lib/jvm/temurin-25-jdk-amd64)/bin/java"

echo "== CUDA emulator (g++, fibers, $(nproc) cores) =="
emulator="$("$java_bin" -cp target/kp.jar dev.kernelplayground.emulator.EmulatorBenchmark "$here/matmul_tiled.cu" 128 512 | tee /dev/stderr)"

echo "== Numba $(/usr/bin/python3 -c 'import numba; print(numba.__version__)' 2>/dev/null || echo '(missing: apt-get install python3-numba)') CUDA simulator =="
numba="$(NUMBA_ENABLE_CUDASIM=1 /usr/bin/python3 "$here/numba_matmul_tiled.py" 128 | tee /dev/stderr)"

emu128="$(sed -n 's/^EMULATOR size=128 .*end_to_end=\([0-9.]*\).*/\1/p' <<<"$emulator")"
emu512="$(sed -n 's/^EMULATOR size=512 .*end_to_end=\([0-9.]*\).*/\1/p' <<<"$emulator")"
num128="$(sed -n 's/^NUMBA size=128 wall=\([0-9.]*\).*/\1/p' <<<"$numba")"
awk -v e="$emu128" -v n="$num128" -v e5="$emu512" 'BEGIN {
  printf "128^3: emulator %.3f s, Numba simulator %.1f s: the emulator is %.0fx faster (goal: >= 1000x)\n", e, n, n / e;
  printf "512^3: emulator %.3f s end to end (goal: < 2 s on 2 cores)\n", e5 }'
