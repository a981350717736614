#!/usr/bin/env bash
# GPU verification in one command: on a machine with an NVIDIA GPU, runs the gpu-tagged JUnit tests (when
# Maven and a JDK are here) and the GPU report — checks of every CUDA kernel and cuBLAS against the float64
# reference, then the benchmark matrix as % of cuBLAS and % of peak bandwidth — and writes
# docs/gpu-reports/YYYY-MM-DD-<gpu>.md. Commit that file. The report covers every file of the kernels/
# library (compiled by nvcc for the GPU's sm_XY, so nvcc must be on the machine for those rows) and judges
# the issue's speed goals (% of cuBLAS, % of peak bandwidth, flash vs naive attention) MET or MISSED.
#
# Needs nothing but the repository and one of:
#   - a JDK >= 21 and Maven: builds target/kp.jar if needed and runs the gpu-tagged tests too;
#   - a Java >= 21 runtime and target/kp.jar;
#   - the bundle from tests/gpu/bundle.sh: target/gpu-bundle/{runtime,kp.jar}, or the directory named by
#     KP_GPU_BUNDLE (used when no Java >= 21 is found, or always with --bundle).
# Without an NVIDIA GPU it says so and exits 0.
#
# Usage: tests/gpu/verify.sh [--quick] [--bundle] [--no-tests] [--out DIR]
#   --quick     small sizes (a smoke test, a minute); the default matrix is 1024..4096 GEMMs, 2^24..2^26 copies
#   --bundle    use the bundled runtime and jar even when a JDK is here
#   --no-tests  skip the Maven test run
#   --out DIR   where the report goes (default docs/gpu-reports)
# Exit status: 0 all passed (or no GPU), 1 a test, check or benchmark failed, 2 no Java or jar to run.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
quick="" use_bundle=false run_tests=true out_dir="$root/docs/gpu-reports"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --bundle) use_bundle=true ;;
    --no-tests) run_tests=false ;;
    --out) shift; out_dir="${1:?--out needs a directory}" ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "verify: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# --- Is there an NVIDIA GPU? ------------------------------------------------------------------------------
gpu_seen() {
  if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
    return 0
  fi
  [ -e /dev/nvidia0 ] && return 0
  return 1
}
if [ -n "${KP_PRETEND_NO_GPU:-}" ] || ! gpu_seen; then
  echo "no NVIDIA GPU on this machine — nothing to verify"
  exit 0
fi
if command -v nvidia-smi >/dev/null 2>&1; then
  echo "verify: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -n 1)"
fi

# --- Java and the jar ----------------------------------------------------------------------------------------
bundle="${KP_GPU_BUNDLE:-$root/target/gpu-bundle}"
jdk="" java_home="" jar="$root/target/kp.jar"
if [ "$use_bundle" = false ]; then
  jdk="$(kp_find_java jdk)" || jdk=""
  java_home="${jdk:-$(kp_find_java java)}" || java_home=""
fi
if [ -z "$java_home" ] || [ "$use_bundle" = true ]; then
  if kp_java_ok "$bundle/runtime" && [ -f "$bundle/kp.jar" ]; then
    java_home="$bundle/runtime" jar="$bundle/kp.jar" jdk=""
    echo "verify: using the bundle in $bundle"
  else
    echo "verify: no Java $kp_min_java+ here (JAVA_HOME, PATH, /usr/lib/jvm) and no bundle at $bundle" >&2
    echo "verify: build one where a JDK is (tests/gpu/bundle.sh) and bring target/gpu-bundle along" >&2
    exit 2
  fi
fi

have_mvn=false
if [ -n "$jdk" ] && command -v mvn >/dev/null 2>&1; then have_mvn=true; fi
if [ "$have_mvn" = true ] && { [ ! -f "$jar" ] || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; }; then
  echo "verify: building target/kp.jar with $(basename "$jdk")..."
  if ! (cd "$root" && JAVA_HOME="$jdk" mvn -q -B -Dmaven.test.skip=true package); then
    if kp_java_ok "$bundle/runtime" && [ -f "$bundle/kp.jar" ]; then
      echo "verify: the build failed (see above); using the bundle in $bundle instead" >&2
      java_home="$bundle/runtime" jar="$bundle/kp.jar" have_mvn=false
    else
      echo "verify: the build failed (see above)" >&2
      exit 1
    fi
  fi
fi
if [ ! -f "$jar" ]; then
  echo "verify: no $jar and no Maven to build it; run tests/gpu/bundle.sh elsewhere and bring target/gpu-bundle" >&2
  exit 2
fi

# --- gpu-tagged tests ----------------------------------------------------------------------------------------
status=0
notes=()
if [ "$run_tests" = true ] && [ "$have_mvn" = true ]; then
  echo "verify: running the gpu-tagged tests (mvn test -Dgroups=gpu)..."
  log="$(mktemp)"
  # KP_REQUIRED_RUNTIMES=gpu: on this machine a GPU test that would skip fails instead
  if (cd "$root" && JAVA_HOME="$jdk" KP_REQUIRED_RUNTIMES="gpu${KP_REQUIRED_RUNTIMES:+,$KP_REQUIRED_RUNTIMES}" \
        mvn -B test -Dgroups=gpu -Dsurefire.failIfNoSpecifiedTests=false) >"$log" 2>&1; then
    summary="$(grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -n 1 | sed 's/^\[[A-Z]*\] //')"
    notes+=(--note "gpu-tagged JUnit tests (mvn test -Dgroups=gpu): passed — $summary")
  elif ! grep -qE 'Tests run: [0-9]+' "$log"; then
    # Maven stopped before any test ran (no network for a dependency, a compile error): say so loudly; the
    # report's checks below still run the same kernels through the same checker.
    notes+=(--note "gpu-tagged JUnit tests NOT RUN: Maven stopped before running them (see verify.sh's output)")
    echo "verify: Maven stopped before running any test; the end of its log:" >&2
    tail -n 30 "$log" >&2
  else
    status=1
    summary="$(grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -n 1 | sed 's/^\[[A-Z]*\] //')"
    notes+=(--note "gpu-tagged JUnit tests (mvn test -Dgroups=gpu): FAILED — ${summary:-see the Maven log}")
    echo "verify: the gpu-tagged tests failed; the end of Maven's log:" >&2
    tail -n 60 "$log" >&2
  fi
  grep -E '^\[skipped\]' "$log" | while read -r line; do echo "verify: $line"; done
  rm -f "$log"
elif [ "$run_tests" = true ]; then
  notes+=(--note "gpu-tagged JUnit tests not run (no JDK with Maven here); the report's checks below run the same kernels")
fi

# --- the report ------------------------------------------------------------------------------------------------
echo "verify: running the checks and the benchmark matrix..."
# shellcheck disable=SC2086
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED -Xmx16g -Djava.awt.headless=true ${KP_JAVA_OPTS:-} \
  -cp "$jar" dev.kernelplayground.cli.Main gpu-verify --require-gpu --out "$out_dir" $quick ${notes[@]+"${notes[@]}"}
report_status=$?
if [ "$report_status" -ne 0 ]; then
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "verify: all passed; commit the report in ${out_dir#"$root"/}"
else
  echo "verify: something failed (see above)" >&2
fi
exit "$status"
