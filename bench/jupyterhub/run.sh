#!/usr/bin/env bash
# A workshop on one machine, measured: Debian's JupyterHub on loopback (127.0.0.1 only) with the dummy
# authenticator and the local-process spawner, the Kernel Playground kernel installed system-wide, and N
# learners who at the same moment start their server, start a kernel and run lesson 1, then send trivial cells.
# Prints per learner: time to start the server and the kernel, lesson 1's time, trivial-cell latency p50/p90
# with N learners active, and the kernel JVM's memory (RSS, peak, PSS) next to the learner server's RSS.
# Stops everything it started (hub, proxy, learners' servers and kernels) on exit.
#
# Usage: bench/jupyterhub/run.sh [N] [TRIVIAL_CELLS]          (default 4 learners, 40 trivial cells each)
#   KP_HUB_JAVA_OPTS="..."           JVM options for the kernel, written into the kernelspec's argv (default
#                                    "-Xmx512m": ~100 MiB less per learner, docs/workshops.md;
#                                    KP_HUB_JAVA_OPTS= for the JVM's defaults)
#   KP_HUB_KERNELS_DIR=DIR           where the kernelspec goes (default /usr/local/share/jupyter/kernels:
#                                    system-wide, where every learner's server finds it)
# Needs (installed by ./kp's provisioning when run as root, else it prints the apt-get command): jupyterhub,
# python3-websocket, and the notebook parts (jupyter-client, PoCL, g++) that lesson 1 uses.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-4}"
trivial="${2:-40}"
# shellcheck source=scripts/provision.sh
. "$root/scripts/provision.sh"
kp_provision build notebooks emulator opencl hub
for cmd in jupyterhub configurable-http-proxy jupyterhub-singleuser; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "run.sh: $cmd not found; install with: sudo apt-get install -y $(kp_part_packages hub)" >&2; exit 1; }
done

work="$(mktemp -d /tmp/kp-hub.XXXXXX)"
hub_pid=""
cleanup() {
  set +e
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -TERM "$hub_pid" # the hub stops the learners' servers (cleanup_servers) and its proxy
    for _ in $(seq 1 60); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$hub_pid" 2>/dev/null
  fi
  # Learners' servers run in sessions of their own; anything left with a home under $work goes too.
  local pid left=()
  for pid in $( (grep -lsz "^HOME=$work/home/" /proc/[0-9]*/environ; grep -lsF "$work" /proc/[0-9]*/cmdline) | cut -d/ -f3 | sort -u); do
    [ "$pid" != $$ ] && [ -r "/proc/$pid/cmdline" ] && left+=("$pid") # (the greps themselves are gone by now)
  done
  if [ "${#left[@]}" -gt 0 ]; then
    echo "run.sh: stopping ${#left[@]} leftover process(es):" >&2
    for pid in "${left[@]}"; do echo "  $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)" >&2; done
    kill -TERM "${left[@]}" 2>/dev/null; sleep 2; kill -KILL "${left[@]}" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The kernelspec, system-wide (learners' servers run with their own HOME, so a user-level one is not seen).
kernels_dir="${KP_HUB_KERNELS_DIR:-/usr/local/share/jupyter/kernels}"
java_opts=()
for opt in ${KP_HUB_JAVA_OPTS--Xmx512m}; do java_opts+=("--java-option=$opt"); done
"$root/kp" notebook install --kernels-dir "$kernels_dir" "${java_opts[@]}" >&2
echo "run.sh: kernel argv: $(/usr/bin/python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["argv"]))' "$kernels_dir/kernel-playground/kernel.json")" >&2

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"; hub_port="$(free_port)"; api_port="$(free_port)"
token="$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(32))')"
allow_root=""
[ "$(id -u)" = 0 ] && allow_root="'--allow-root'"
mkdir -p "$work/home"
cat >"$work/jupyterhub_config.py" <<EOF
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = $port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = $hub_port
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:$api_port"
c.ConfigurableHTTPProxy.pid_file = "$work/proxy.pid"
c.JupyterHub.db_url = "sqlite:///$work/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "$work/cookie_secret"
c.JupyterHub.pid_file = "$work/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = "$work/home/{username}"
c.Spawner.ip = "127.0.0.1"
c.Spawner.args = [$allow_root]
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.notebook_dir = "$work/home/{username}"
c.JupyterHub.services = [{"name": "kp-bench", "api_token": "$token"}]
c.JupyterHub.load_roles = [{"name": "kp-bench", "services": ["kp-bench"],
                            "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}]
EOF
for i in $(seq 1 "$n"); do
  mkdir -p "$work/home/learner$i"
  cp "$root/notebooks/01-meet-ada.ipynb" "$work/home/learner$i/"
done

# Debian's proxy finds its modules under /usr/share/nodejs through Debian's node; a node from elsewhere (e.g.
# NodeSource's, as on this machine) does not look there.
[ -d /usr/share/nodejs ] && export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
echo "run.sh: JupyterHub on http://127.0.0.1:$port for $n learners ($(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))" >&2
(cd "$work" && exec setsid jupyterhub -f "$work/jupyterhub_config.py" >"$work/hub.log" 2>&1) &
hub_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/hub/api" >/dev/null 2>&1 && break
  kill -0 "$hub_pid" 2>/dev/null || { echo "run.sh: jupyterhub exited; its log:" >&2; tail -n 30 "$work/hub.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/hub/api" >/dev/null || { echo "run.sh: the hub did not answer in 60 s" >&2; tail -n 30 "$work/hub.log" >&2; exit 1; }

status=0
timeout 1800 /usr/bin/python3 "$root/bench/jupyterhub/learners.py" "http://127.0.0.1:$port" "$token" "$n" \
  "$root/notebooks/01-meet-ada.ipynb" "$trivial" || status=$?
if [ "$status" != 0 ]; then
  echo "run.sh: learners.py exited $status; the hub's log ends:" >&2
  tail -n 20 "$work/hub.log" >&2
fi
exit "$status"
