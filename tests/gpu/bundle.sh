#!/usr/bin/env bash
# Builds the GPU bundle: everything tests/gpu/verify.sh needs on a GPU machine that has no JDK and no Maven.
#
#   target/gpu-bundle/runtime/   a Java runtime made by jlink with only the modules kp.jar uses
#   target/gpu-bundle/kp.jar     the shaded jar, with other platforms' native libraries left out
#   target/kp-gpu-bundle.tar.gz  the two above in one file
#
# Take the repository and target/gpu-bundle (or unpack the tarball into target/) to the GPU machine and run
# tests/gpu/verify.sh there; it uses the bundle when it finds no JDK. Needs here: a JDK >= 21 with jlink,
# Maven (to build kp.jar when it is missing or older than the sources) and zip.
#
# The runtime holds the modules kp.jar uses (jdeps) except java.desktop, which only the plots need and
# which doubles the runtime's size; the GPU report draws no plot. `bundle.sh --full` keeps it, for running
# every `kp` command from the bundle.
set -euo pipefail
full=false
[ "${1:-}" = "--full" ] && full=true

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/gpu-bundle"
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"

jdk="$(kp_find_java jlink)" || { echo "bundle: no JDK $kp_min_java+ with jlink found (JAVA_HOME, PATH, /usr/lib/jvm/*)" >&2; exit 1; }
export JAVA_HOME="$jdk"
jar="$root/target/kp.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  command -v mvn >/dev/null 2>&1 || { echo "bundle: target/kp.jar is missing or stale and Maven (mvn) is not on PATH" >&2; exit 1; }
  echo "bundle: building kp.jar with $(basename "$jdk")..." >&2
  (cd "$root" && mvn -q -B -Dmaven.test.skip=true package) >&2
fi
command -v zip >/dev/null 2>&1 || { echo "bundle: zip is needed to leave other platforms' natives out of the jar" >&2; exit 1; }

feature="$(kp_java_major "$jdk/bin/java")"
modules="$("$jdk/bin/jdeps" --multi-release "$feature" --ignore-missing-deps --print-module-deps "$jar")"
modules="$modules,jdk.unsupported" # sun.misc.Unsafe, used reflectively by libraries (jdeps cannot see it)
if [ "$full" = false ]; then
  modules="$(echo "$modules" | tr ',' '\n' | grep -vx 'java.desktop' | paste -sd, -)"
fi
echo "bundle: modules $modules" >&2

rm -rf "$out"
mkdir -p "$out"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-9 --output "$out/runtime"
cp "$jar" "$out/kp.jar"
# The GPU machines are linux-x86_64: drop Aparapi's Windows, macOS and other Linux natives (most of the jar).
zip -q -d "$out/kp.jar" 'win/*' 'osx/*' 'linux/libaparapi_aarch64.so' 'linux/libaparapi_armhf.so' \
  'linux/libaparapi_x86.so' 'linux/libaparapi_ppc*' >/dev/null 2>&1 || true
"$out/runtime/bin/java" --enable-native-access=ALL-UNNAMED -cp "$out/kp.jar" dev.kernelplayground.cli.Main gpu-verify --out "$out/probe-check" >/dev/null 2>&1 \
  || { echo "bundle: the bundled runtime could not run kp gpu-verify" >&2; exit 1; }
rm -rf "$out/probe-check"
tar -czf "$root/target/kp-gpu-bundle.tar.gz" -C "$root/target" gpu-bundle

size() { du -sh "$1" | cut -f1; }
echo "bundle: runtime $(size "$out/runtime"), kp.jar $(size "$out/kp.jar"), together $(size "$out");" \
  "tarball $(size "$root/target/kp-gpu-bundle.tar.gz") at target/kp-gpu-bundle.tar.gz" >&2
