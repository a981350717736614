# Finds a Java >= 21. Sourced (not run) by kp, .ci/run, tests/gpu/verify.sh, tests/gpu/bundle.sh and the bench
# scripts, so every one of them looks in the same places: homes the caller names first, then $JAVA_HOME, the
# java on the PATH, then every /usr/lib/jvm/*.
#
#   kp_find_java jdk [HOME...]    prints the first Java home >= 21 that has javac (what Maven needs)
#   kp_find_java jlink [HOME...]  ... that has jlink and jdeps (what tests/gpu/bundle.sh needs)
#   kp_find_java java [HOME...]   ... that has java (a runtime is enough)
#   kp_use_jdk [HOME...]          exports JAVA_HOME as the first JDK >= 21; fails when there is none
#   kp_java_ok HOME [jdk|jlink|java]  whether HOME is such a Java
#   kp_java_major JAVA            the feature version of the java binary JAVA ("25"), or nothing
#   kp_signal_chaining HOME       exports LD_PRELOAD with HOME's libjsig first, for the JVMs started after it:
#                                 without it PoCL's LLVM takes the JVM's signals and deletes its own files whenever
#                                 a Java thread pauses, and Java kernels fail to build (SignalChaining.java)

kp_min_java=21

kp_java_major() {
  "$1" -version 2>&1 | sed -n 's/.* version "\([0-9][0-9]*\)\(\.[0-9]*\)*.*".*/\1/p' | head -n 1
}

kp_java_ok() {
  [ -x "$1/bin/java" ] || return 1
  case "${2:-java}" in
    jdk) [ -x "$1/bin/javac" ] || return 1 ;;
    jlink) { [ -x "$1/bin/jlink" ] && [ -x "$1/bin/jdeps" ]; } || return 1 ;;
  esac
  local v
  v="$(kp_java_major "$1/bin/java")"
  [ -n "$v" ] && [ "$v" -ge "$kp_min_java" ]
}

kp_find_java() {
  local need="${1:-jdk}"
  [ $# -gt 0 ] && shift
  local d candidates=("$@")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done
  for d in ${candidates[@]+"${candidates[@]}"}; do
    if kp_java_ok "$d" "$need"; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

kp_use_jdk() {
  local home
  home="$(kp_find_java jdk "$@")" || return 1
  export JAVA_HOME="$home"
}

kp_signal_chaining() {
  local lib="$1/lib/libjsig.so"
  [ -f "$lib" ] || return 0
  case ":${LD_PRELOAD:-}:" in
    *":$lib:"*) ;;
    *) export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" ;;
  esac
}
