#!/usr/bin/env bash
# GPU verification in one command: on a machine with an NVIDIA GPU, runs the gpu-tagged JUnit tests (when
# Maven and a JDK are here) and the GPU report — checks of every CUDA kernel and cuBLAS against the float64
# reference, then the benchmark matrix as % of cuBLAS and % of peak bandwidth — and writes
# docs/gpu-reports/YYYY-MM-DD-<gpu>.md. Commit that file. The report covers every file of the kernels/
# library (compiled by nvcc for the GPU's sm_XY, so nvcc must be on the machine for those rows) and judges
# the issue's speed goals (% of cuBLAS, % of peak bandwidth, flash vs naive attention) MET or MISSED.
# Where python3 has torch with CUDA, torch.mm is timed the same way, as "torch" rows next to cuBLAS; where the
# driver brought NVIDIA's OpenCL (libnvidia-opencl.so.1), the Java lesson kernels run there, checked. Otherwise
# the report says why not.
#
# Needs nothing but the repository and one of:
#   - a JDK >= 21 and Maven: builds target/kp.jar if needed and runs the gpu-tagged tests too;
#   - a Java >= 21 runtime and target/kp.jar;
#   - the bundle from tests/gpu/bundle.sh: target/gpu-bundle/{runtime,kp.jar}, or the directory named by
#     KP_GPU_BUNDLE (used when no Java >= 21 is found, or always with --bundle); with its JUnit console
#     launcher and test classes it runs the gpu-tagged tests without Maven.
# Without an NVIDIA GPU it says so and exits 0.
#
# Usage: tests/gpu/verify.sh [--quick] [--bundle] [--no-tests] [--strict] [--dry-run] [--out DIR]
#   --quick     small sizes (a smoke test, a minute); the default matrix is 1024..4096 GEMMs, 2^24..2^26 copies
#   --bundle    use the bundled runtime and jar even when a JDK is here
#   --no-tests  skip the gpu-tagged tests
#   --strict    fail (naming the reason) when the gpu tests did not run, a kernels/ file was not run, the
#               cuBLAS baseline is missing or a speed goal is "not measured"; the last line says how many
#               checks ran on which GPU
#   --dry-run   without a GPU: run everything anyway (the tests skip, the report finds no GPU), exit 0
#   --out DIR   where the report goes (default docs/gpu-reports)
# Exit status: 0 all passed (or no GPU), 1 a test, check or benchmark failed (or --strict found a gap), 2 no
# Java or jar to run.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
quick="" use_bundle=false run_tests=true strict=false dry_run=false out_dir="$root/docs/gpu-reports"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --bundle) use_bundle=true ;;
    --no-tests) run_tests=false ;;
    --strict) strict=true ;;
    --dry-run) dry_run=true ;;
    --out) shift; out_dir="${1:?--out needs a directory}" ;;
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
started=$SECONDS
require_gpu="--require-gpu"
if [ -n "${KP_PRETEND_NO_GPU:-}" ] || ! gpu_seen; then
  echo "no NVIDIA GPU on this machine — nothing to verify"
  if [ "$dry_run" = false ]; then
    [ "$strict" = true ] && echo "verify: 0 checks ran: no NVIDIA GPU on this machine"
    exit 0
  fi
  echo "verify: dry run: the same steps without a GPU (the gpu-tagged tests skip, the report finds no GPU)"
  require_gpu=""
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
# the JDK's signal chaining for every JVM below, as ./kp gives it (an OpenCL driver's LLVM must not take the JVM's signals)
kp_signal_chaining "$java_home"

# --- gpu-tagged tests ----------------------------------------------------------------------------------------
status=0 tests_ran=false
notes=()
if [ "$run_tests" = true ] && [ "$have_mvn" = true ]; then
  echo "verify: running the gpu-tagged tests (mvn test -Dgroups=gpu)..."
  log="$(mktemp)"
  # KP_REQUIRED_RUNTIMES=gpu: on this machine a GPU test that would skip fails instead
  if (cd "$root" && JAVA_HOME="$jdk" KP_REQUIRED_RUNTIMES="gpu${KP_REQUIRED_RUNTIMES:+,$KP_REQUIRED_RUNTIMES}" \
        mvn -B test -Dgroups=gpu -Dsurefire.failIfNoSpecifiedTests=false) >"$log" 2>&1; then
    summary="$(grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -n 1 | sed 's/^\[[A-Z]*\] //')"
    tests_ran=true
    notes+=(--note "gpu-tagged JUnit tests (mvn test -Dgroups=gpu): passed — $summary")
  elif ! grep -qE 'Tests run: [0-9]+' "$log"; then
    # Maven stopped before any test ran (no network for a dependency, a compile error): say so loudly; the
    # report's checks below still run the same kernels through the same checker.
    notes+=(--note "gpu-tagged JUnit tests NOT RUN: Maven stopped before running them (see verify.sh's output)")
    echo "verify: Maven stopped before running any test; the end of its log:" >&2
    tail -n 30 "$log" >&2
  else
    status=1 tests_ran=true
    summary="$(grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -n 1 | sed 's/^\[[A-Z]*\] //')"
    notes+=(--note "gpu-tagged JUnit tests (mvn test -Dgroups=gpu): FAILED — ${summary:-see the Maven log}")
    echo "verify: the gpu-tagged tests failed; the end of Maven's log:" >&2
    tail -n 60 "$log" >&2
  fi
  grep -E '^\[skipped\]' "$log" | while read -r line; do echo "verify: $line"; done
  rm -f "$log"
elif [ "$run_tests" = true ] && [ -f "$bundle/junit-platform-console-standalone.jar" ] && [ -d "$bundle/test-classes" ]; then
  echo "verify: running the gpu-tagged tests with the bundle's JUnit console launcher..."
  log="$(mktemp)"
  required="${KP_REQUIRED_RUNTIMES:-}"
  [ -n "$require_gpu" ] && required="gpu${required:+,$required}"
  # shellcheck disable=SC2086
  (cd "$root" && KP_REQUIRED_RUNTIMES="$required" "$java_home/bin/java" --enable-native-access=ALL-UNNAMED \
      -Xmx8g -Djava.awt.headless=true ${KP_JAVA_OPTS:-} -jar "$bundle/junit-platform-console-standalone.jar" \
      execute --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
      --class-path "$jar:$bundle/test-classes" --scan-class-path "$bundle/test-classes" --include-tag gpu) >"$log" 2>&1
  junit_status=$?
  count() { sed -nE "s/^\[ *([0-9]+) tests $1 *\]$/\1/p" "$log" | tail -n 1; }
  found="$(count found)"
  summary="${found:+$found tests found, $(count successful) successful, $(count failed) failed, $(count aborted) aborted (skipped), $(count skipped) disabled}"
  grep -E '✘' "$log" | sed 's/^[│ ├└─]*//' | while read -r line; do echo "verify: test failed: $line"; done
  if [ "$junit_status" -eq 0 ] && [ -n "$summary" ]; then
    # tests that skipped (aborted) did not run: on a GPU machine KP_REQUIRED_RUNTIMES makes them fail instead
    [ "$(count successful)" -gt 0 ] && [ "$(count aborted)" -eq 0 ] && tests_ran=true
    notes+=(--note "gpu-tagged JUnit tests (bundled JUnit console launcher): passed — $summary")
    echo "verify: gpu-tagged tests: $summary"
  elif [ -z "$summary" ]; then
    notes+=(--note "gpu-tagged JUnit tests NOT RUN: the JUnit console launcher stopped before running them")
    echo "verify: the JUnit console launcher stopped before running any test; the end of its log:" >&2
    tail -n 30 "$log" >&2
  else
    status=1 tests_ran=true
    notes+=(--note "gpu-tagged JUnit tests (bundled JUnit console launcher): FAILED — $summary")
    echo "verify: the gpu-tagged tests failed ($summary); the end of the launcher's log:" >&2
    tail -n 60 "$log" >&2
  fi
  rm -f "$log"
elif [ "$run_tests" = true ]; then
  notes+=(--note "gpu-tagged JUnit tests not run (no JDK with Maven here); the report's checks below run the same kernels")
fi

# --- the report ------------------------------------------------------------------------------------------------
echo "verify: running the checks and the benchmark matrix ($((SECONDS - started)) s so far)..."
strict_flag=""
[ "$strict" = true ] && strict_flag="--strict"
report_log="$(mktemp)"
# shellcheck disable=SC2086
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED -Xmx16g -Djava.awt.headless=true ${KP_JAVA_OPTS:-} \
  -cp "$jar" dev.kernelplayground.cli.Main gpu-verify $require_gpu $strict_flag --out "$out_dir" $quick \
  --counts "$bundle/traffic-counts.json" ${notes[@]+"${notes[@]}"} 2>&1 | tee "$report_log"
report_status=${PIPESTATUS[0]}
summary_line="$(grep -E '^summary: ' "$report_log" | tail -n 1 | sed 's/^summary: //')"
rm -f "$report_log"
if [ "$report_status" -ne 0 ]; then
  status=1
fi
if [ "$strict" = true ] && [ "$tests_ran" = false ] && [ -n "$require_gpu" ]; then
  echo "strict: the gpu-tagged JUnit tests did not run (need a JDK with Maven, or the bundle's JUnit launcher)" >&2
  status=1
fi
if [ -z "$require_gpu" ]; then
  echo "verify: dry run finished in $((SECONDS - started)) s (no GPU: nothing was verified)"
  [ "$strict" = true ] && echo "verify: 0 checks ran: no NVIDIA GPU on this machine"
  exit 0
fi
if [ "$status" -eq 0 ]; then
  echo "verify: all passed in $((SECONDS - started)) s; commit the report in ${out_dir#"$root"/}"
else
  echo "verify: something failed (see above) after $((SECONDS - started)) s" >&2
fi
if [ "$strict" = true ]; then
  echo "verify: ${summary_line:-0 checks ran: the report did not run}${status:+ (strict: $([ "$status" -eq 0 ] && echo passed || echo FAILED))}"
fi
exit "$status"
