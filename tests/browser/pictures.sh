#!/bin/bash
# Looks at the lessons' pictures in a real browser: executes the lesson notebooks that draw them with the
# playground's kernel (nbclient, Jupyter's own client), serves the results with Debian's classic notebook (jupyter-notebook)
# and screenshots every SVG output with headless Chromium (pictures.cjs), checking that each fits its output area,
# and every profiler view (lesson 10's), checking that its source reads from the left with its bars and roofline.
# Needs: jupyter-notebook, python3-nbclient, chromium, and playwright-core from npm in PLAYWRIGHT_DIR
# (e.g. mkdir /tmp/pw && cd /tmp/pw && npm i playwright-core). Executed notebooks given as arguments skip the run.
# Usage: PLAYWRIGHT_DIR=/tmp/pw tests/browser/pictures.sh OUT_DIR [EXECUTED.ipynb...]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(realpath -m "${1:?usage: pictures.sh OUT_DIR [EXECUTED.ipynb...]}")"; shift
mkdir -p "$out"
work="$(mktemp -d /tmp/kp-pictures-browser.XXXXXX)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
if [ $# -eq 0 ]; then
  cp "${KP_JAR:-target/kp.jar}" "$work/kp.jar"
  export JUPYTER_DATA_DIR="$work/jupyter"   # a private kernelspec: yours stays as it is
  PATH="$(dirname "$java"):$PATH" "$java" -jar "$work/kp.jar" notebook install >/dev/null
  for nb in notebooks/01-meet-ada.ipynb notebooks/04-tiled-matmul-1.ipynb notebooks/08-attention.ipynb \
            notebooks/10-banks-transpose.ipynb; do
    /usr/bin/python3 tests/browser/execute.py "$nb" "$work/executed/$(basename "$nb")"
  done
  set -- "$work"/executed/*.ipynb
fi
mkdir -p "$work/served"; cp "$@" "$work/served/"
# The classic notebook shows image/svg+xml only in trusted notebooks (outputs a learner's own kernel made are;
# outputs saved elsewhere are not, and fall back to text/plain): sign the copies as Jupyter's "trust" does.
export JUPYTER_DATA_DIR="$work/jupyter"
/usr/bin/python3 -c 'import sys, nbformat; from nbformat.sign import NotebookNotary
notary = NotebookNotary()
for f in sys.argv[1:]: notary.sign(nbformat.read(f, as_version=4))' "$work"/served/*.ipynb
token="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=$((20000 + RANDOM % 20000))
jupyter-notebook --no-browser --allow-root --port="$port" --NotebookApp.token="$token" \
  --notebook-dir="$work/served" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api?token=$token" >/dev/null && break; sleep 1; done
names=(); for nb in "$@"; do names+=("$(basename "$nb")"); done
NODE_PATH="${PLAYWRIGHT_DIR:?set PLAYWRIGHT_DIR to a folder with node_modules/playwright-core}/node_modules" \
  node tests/browser/pictures.cjs "http://127.0.0.1:$port" "$token" "$out" "${names[@]}"
