#!/usr/bin/env bash
# Builds the GPU bundle: everything tests/gpu/verify.sh needs on a GPU machine that has no JDK and no Maven.
#
#   target/gpu-bundle/runtime/   a Java runtime made by jlink with only the modules kp.jar uses
#   target/gpu-bundle/kp.jar     the shaded jar, with other platforms' native libraries left out
#   target/gpu-bundle/junit-platform-console-standalone.jar, target/gpu-bundle/test-classes/
#                                the JUnit console launcher and the compiled tests, so verify.sh runs the
#                                gpu-tagged tests there without Maven
#   target/gpu-bundle/traffic-counts.json
#                                the emulator's counts of every kernels/ file (kp gpu-counts), for the report's
#                                measured / bound table
#   target/gpu-bundle/opencl/libOpenCL.so.1
#                                the OpenCL ICD loader, for a GPU machine with NVIDIA's OpenCL but no loader
#   target/kp-gpu-bundle.tar.gz  all of the above in one file (unpack it into target/)
#
# Take the repository and target/gpu-bundle (or unpack the tarball into target/) to the GPU machine and run
# tests/gpu/verify.sh there; it uses the bundle when it finds no JDK. Needs here: a JDK >= 21 with jlink,
# Maven (to build kp.jar when it is missing or older than the sources) and zip.
#
# The runtime holds the modules kp.jar uses (jdeps) except java.desktop, which only the plots need, and
# jdk.jshell, which only the notebooks need; together they would double the runtime's size, and the GPU report
# draws no plot and evaluates no cell (the plots' libraries leave the jar too). `bundle.sh --full` keeps them,
# for running every `kp` command from the bundle.
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
if [ ! -d "$root/target/test-classes" ] || [ -n "$(find "$root/tests/java" "$root/tests/resources" -newer "$root/target/test-classes" -type f -print -quit 2>/dev/null)" ]; then
  command -v mvn >/dev/null 2>&1 || { echo "bundle: target/test-classes is missing or stale and Maven (mvn) is not on PATH" >&2; exit 1; }
  echo "bundle: compiling the tests..." >&2
  (cd "$root" && mvn -q -B test-compile) >&2
  touch "$root/target/test-classes"
fi
# The JUnit console launcher that matches the pom's JUnit 5.x.y is platform 1.x.y.
junit_version="$(sed -n 's:.*<junit.version>5\.\([0-9.]*\)</junit.version>.*:1.\1:p' "$root/pom.xml" | head -n 1)"
launcher_coords="org.junit.platform:junit-platform-console-standalone:$junit_version"
launcher="${M2_REPO:-$HOME/.m2/repository}/org/junit/platform/junit-platform-console-standalone/$junit_version/junit-platform-console-standalone-$junit_version.jar"
if [ ! -f "$launcher" ]; then
  command -v mvn >/dev/null 2>&1 || { echo "bundle: no $launcher_coords in the local Maven repository and no mvn to fetch it" >&2; exit 1; }
  echo "bundle: fetching $launcher_coords..." >&2
  mvn -q -B dependency:get -Dartifact="$launcher_coords" >&2 \
    || { echo "bundle: could not fetch $launcher_coords (mvn dependency:get -Dartifact=$launcher_coords)" >&2; exit 1; }
fi
command -v zip >/dev/null 2>&1 || { echo "bundle: zip is needed to leave other platforms' natives out of the jar" >&2; exit 1; }

feature="$(kp_java_major "$jdk/bin/java")"
modules="$("$jdk/bin/jdeps" --multi-release "$feature" --ignore-missing-deps --print-module-deps "$jar")"
modules="$modules,jdk.unsupported" # sun.misc.Unsafe, used reflectively by libraries (jdeps cannot see it)
if [ "$full" = false ]; then
  # java.desktop: the plots; jdk.jshell (and the compiler it brings): the notebooks; The GPU report and the
  # gpu-tagged tests use neither, and the two are half the runtime.
  # java.sql (and the java.xml it brings): only optional JDBC support in the CSV and JSON libraries
  modules="$(echo "$modules" | tr ',' '\n' | grep -vx -e 'java.desktop' -e 'jdk.jshell' -e 'java.sql' | paste -sd, -)"
  modules="$modules,java.logging" # Aparapi logs through java.util.logging (java.sql brought it in)
fi
echo "bundle: modules $modules" >&2

rm -rf "$out"
mkdir -p "$out"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-9 --output "$out/runtime"
cp "$jar" "$out/kp.jar"
cp "$launcher" "$out/junit-platform-console-standalone.jar"
cp -r "$root/target/test-classes" "$out/test-classes"
# The OpenCL ICD loader (ocl-icd's libOpenCL.so.1, ~70 KB), which Aparapi's native library links: a GPU machine
# may have NVIDIA's OpenCL library (it comes with the driver) but no loader; gpu-verify then puts this one on
# LD_LIBRARY_PATH for the Java kernels' run on NVIDIA OpenCL (dev.kernelplayground.gpuopencl.IcdVendors).
loader="$( (/sbin/ldconfig -p || ldconfig -p) 2>/dev/null | sed -n 's/.*libOpenCL\.so\.1 (libc6,x86-64) => //p' | head -n 1)"
if [ -n "$loader" ] && [ -f "$loader" ]; then
  mkdir -p "$out/opencl"
  cp -L "$loader" "$out/opencl/libOpenCL.so.1"
else
  echo "bundle: no OpenCL ICD loader here (Debian: apt-get install ocl-icd-libopencl1); the bundle carries none" >&2
fi
# The GPU machines are linux-x86_64: drop Aparapi's Windows, macOS and other Linux natives (most of the jar).
zip -q -d "$out/kp.jar" 'win/*' 'osx/*' 'linux/libaparapi_aarch64.so' 'linux/libaparapi_armhf.so' \
  'linux/libaparapi_x86.so' 'linux/libaparapi_ppc*' >/dev/null 2>&1 || true
if [ "$full" = false ]; then
  # the plots' libraries (XChart, PDFBox): without java.desktop they cannot run anyway
  zip -q -d "$out/kp.jar" 'org/knowm/*' 'org/apache/pdfbox/*' 'org/apache/fontbox/*' >/dev/null 2>&1 || true
fi
"$out/runtime/bin/java" --enable-native-access=ALL-UNNAMED -cp "$out/kp.jar" dev.kernelplayground.cli.Main gpu-verify --out "$out/probe-check" >/dev/null 2>&1 \
  || { echo "bundle: the bundled runtime could not run kp gpu-verify" >&2; exit 1; }
rm -rf "$out/probe-check"
# The emulator's traffic counts of every kernels/ file at sizes it profiles in seconds: the GPU machine (no g++)
# measures the same (file, size) pairs and divides by the lower bound these counts give for its own GPU.
(cd "$root" && "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -cp "$jar" \
  dev.kernelplayground.cli.Main gpu-counts --out "$out/traffic-counts.json") >&2 \
  || { echo "bundle: kp gpu-counts failed (it needs g++ or clang++); the report would have no bounds" >&2; exit 1; }
tar -czf "$root/target/kp-gpu-bundle.tar.gz" -C "$root/target" gpu-bundle

size() { du -sh "$1" | cut -f1; }
echo "bundle: runtime $(size "$out/runtime"), kp.jar $(size "$out/kp.jar"), JUnit launcher" \
  "$(size "$out/junit-platform-console-standalone.jar"), tests $(size "$out/test-classes"), together $(size "$out");" \
  "tarball $(size "$root/target/kp-gpu-bundle.tar.gz") at target/kp-gpu-bundle.tar.gz" >&2
