# What each part of the playground needs from Debian, and the one place that installs it. Sourced (not run)
# by kp. A part whose packages are missing is installed on first use when kp runs as root where apt-get is;
# otherwise kp prints the one command to run and carries on with what is there (the part then says it is
# missing, labelled, as before). KP_NO_PROVISION=1 leaves the system alone and says nothing.
#
#   kp_part_packages PART       the Debian packages of PART
#   kp_part_why PART            what PART is for, in a few words
#   kp_missing PART...          the packages of these parts that are not installed, one line
#   kp_provision PART...        installs what these parts lack (as root with apt-get), or says how to
#   kp_setup [--check]          every part: installed or not; without --check installs what is missing

kp_parts=(build emulator opencl notebooks lab lab-server bench hub grading)

kp_part_packages() {
  case "$1" in
    build) echo "maven" ;;
    emulator) echo "g++" ;;
    opencl) echo "pocl-opencl-icd ocl-icd-libopencl1 clinfo" ;;
    notebooks) echo "jupyter-client python3-nbclient python3-ipykernel" ;;
    lab) echo "jupyter-notebook" ;;
    lab-server) echo "jupyter-server" ;;
    bench) echo "python3-numba" ;;
    hub) echo "jupyterhub python3-websocket" ;;
    grading) echo "bubblewrap clang-15" ;;
  esac
}

kp_part_why() {
  case "$1" in
    build) echo "Maven builds the playground and runs its tests" ;;
    emulator) echo "the CUDA emulator compiles kernels with a C++ compiler" ;;
    opencl) echo "Java kernels run on OpenCL (PoCL on the CPU)" ;;
    notebooks) echo "notebooks run through Jupyter's client" ;;
    lab) echo "kp notebook lab serves the lessons in Jupyter Notebook" ;;
    lab-server) echo "the tests start kp notebook lab's JupyterLab command line on jupyter_server, the server JupyterLab runs on (JupyterLab itself is not in Debian 12)" ;;
    bench) echo "the emulator benchmark compares with Numba's CUDA simulator" ;;
    hub) echo "the JupyterHub workshop recipe (bench/jupyterhub/run.sh) serves learners from one machine" ;;
    grading) echo "kp grade runs learners' code in a sandbox (bubblewrap) and refuses host calls in device code (clang's CUDA front end)" ;;
  esac
}

kp_installed() { # whether Debian package $1 is installed
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

kp_missing() {
  local part pkg missing=()
  for part in "$@"; do
    for pkg in $(kp_part_packages "$part"); do
      kp_installed "$pkg" || missing+=("$pkg")
    done
  done
  echo "${missing[*]}"
}

kp_can_install() { # as root, with apt-get
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

kp_provision() {
  [ "${KP_NO_PROVISION:-}" != 1 ] || return 0 # told to leave the system alone
  command -v dpkg-query >/dev/null 2>&1 || return 0 # not Debian: nothing to check against
  local part missing
  for part in "$@"; do
    missing="$(kp_missing "$part")"
    [ -n "$missing" ] || continue
    if kp_can_install; then
      echo "kp: installing $missing: $(kp_part_why "$part")" >&2
      if [ -z "${kp_apt_updated:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
        kp_apt_updated=1
      fi
      local log
      log="$(mktemp)"
      # shellcheck disable=SC2086
      if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >"$log" 2>&1; then
        tail -n 5 "$log" >&2
        echo "kp: could not install $missing; carrying on without $part" >&2
      fi
      rm -f "$log"
    else
      echo "kp: $(kp_part_why "$part"), which needs $missing; install with: sudo apt-get install -y $missing" >&2
    fi
  done
}

kp_setup() {
  local check=false part missing status=0
  [ "${1:-}" = "--check" ] && check=true
  for part in "${kp_parts[@]}"; do
    missing="$(kp_missing "$part")"
    if [ -z "$missing" ]; then
      printf '  %-10s installed  (%s)\n' "$part" "$(kp_part_packages "$part")"
    elif [ "$check" = true ]; then
      printf '  %-10s missing    %s — %s\n' "$part" "$missing" "$(kp_part_why "$part")"
      status=1
    else
      kp_provision "$part"
      if [ -n "$(kp_missing "$part")" ]; then
        printf '  %-10s missing    %s\n' "$part" "$(kp_missing "$part")"
        status=1
      else
        printf '  %-10s installed  (%s)\n' "$part" "$(kp_part_packages "$part")"
      fi
    fi
  done
  return "$status"
}
