#!/bin/bash
# How long each learner notebook takes through a real Jupyter client: `jupyter execute` with the playground's
# kernel, one notebook at a time, as a class would run them top to bottom. Prints per notebook the wall time,
# the CPU time (user+sys of jupyter and the kernel JVM it started) and the load average when it began.
# Usage: bench/teaching/time-notebooks.sh [NOTEBOOK...]   (default: notebooks/*.ipynb)
# KP_JAR chooses the build (default target/kp.jar); the kernelspec goes to a private JUPYTER_DATA_DIR, so the
# one you installed for yourself is left alone. Figures are this machine's CPU timings, never GPU times.
set -euo pipefail
cd "$(dirname "$0")/../.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d /tmp/kp-time-notebooks.XXXXXX)"
cp "${KP_JAR:-target/kp.jar}" "$work/kp.jar"   # a copy: rebuilding the project mid-run does not change the kernel
export JUPYTER_DATA_DIR="$work/jupyter"
PATH="$(dirname "$java"):$PATH" "$java" -jar "$work/kp.jar" notebook install >/dev/null
notebooks=("$@"); [ ${#notebooks[@]} -gt 0 ] || notebooks=(notebooks/*.ipynb)
printf '%-32s %9s %9s %6s  %s\n' notebook "wall s" "cpu s" load result
for nb in "${notebooks[@]}"; do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if /usr/bin/time -f '%e %U %S' -o "$work/time" \
      jupyter execute --kernel_name=kernel-playground --timeout=1200 "$nb" >"$work/log" 2>&1; then
    result=ok
  else
    result="FAILED (log: $work/$(basename "$nb").log)"; cp "$work/log" "$work/$(basename "$nb").log"
  fi
  read -r wall user sys < <(tail -1 "$work/time")
  printf '%-32s %9.1f %9.1f %6s  %s\n' "$(basename "$nb")" "$wall" "$(echo "$user + $sys" | bc)" "$load" "$result"
done
rm -rf "$work/jupyter" "$work/kp.jar"
