#!/bin/bash
# Grading time of an honest class (the lessons' solutions editions), per notebook: kp grade's own "time"
# column, averaged, and the wall time of the whole run. Usage: bench/grade/run.sh [N] [JOBS] [LESSON...]
# (KP_JAR chooses the build: an older one, built from git archive, is measured under the same load.)
# e.g. bench/grade/run.sh 4 1 lessons/05-occupancy-registers.md lessons/02-threads-warps-grid.md
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-4}"; jobs="${2:-1}"; shift 2 || true
lessons=("$@"); [ ${#lessons[@]} -gt 0 ] || lessons=(lessons/05-occupancy-registers.md lessons/02-threads-warps-grid.md lessons/07-reductions-softmax.md)
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
# shellcheck source=scripts/find-jdk.sh
. scripts/find-jdk.sh
kp_signal_chaining "$(dirname "$(dirname "$java")")"
jar="${KP_JAR:-target/kp.jar}"   # KP_JAR=/path/to/older/kp.jar measures another build under the same load
work="$(mktemp -d /tmp/kp-grade-bench.XXXXXX)"
for lesson in "${lessons[@]}"; do
  name="$(basename "$lesson" .md)"
  "$java" -cp "$jar" bench/grade/HonestClass.java "$lesson" "$work/class-$name" "$n"
  start=$(date +%s.%N)
  "$java" -jar "$jar" grade "$lesson" "$work/class-$name"/*.ipynb --jobs "$jobs" --work "$work/grade-$name" \
    --csv "$work/$name.csv" >"$work/$name.txt" 2>/dev/null
  end=$(date +%s.%N)
  awk -F, -v lesson="$name" -v wall="$(echo "$end - $start" | bc)" -v n="$n" -v jobs="$jobs" \
    'NR > 1 { s += $(NF-1); solved = solved " " $(NF-2) } END { printf "%-28s %d notebooks, --jobs %d: %.1f s per notebook (kp grade time column), %.1f s wall; solved:%s\n", lesson, n, jobs, s / n, wall, solved }' \
    "$work/$name.csv"
done
rm -rf "$work"
