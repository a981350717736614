#!/usr/bin/env bash
# Regenerates src/main/resources/jcuda/playground_kernels.ptx from playground_kernels.cu with nvcc.
#
# Why the PTX is committed: a GPU machine may have a driver but no CUDA toolkit (no nvcc, no NVRTC), and
# tests/gpu/verify.sh must still run the backend's own kernels there. PTX is text that the driver compiles
# (JIT) for whatever GPU it finds, so one file serves sm_80 and every newer GPU.
#
# Why the .version line is lowered: nvcc 13 stamps its PTX ".version 9.0", which only a CUDA 13 driver
# accepts. These kernels use nothing newer than PTX ISA 7.0 (CUDA 11.0, the first with sm_80), so the file
# says 7.0 and loads on any driver from CUDA 11 on. ptxas checks that claim below: it rejects PTX that uses
# an instruction its .version does not have.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$here/../../src/main/resources/jcuda"
nvcc="${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}"
ptxas="$(dirname "$nvcc")/ptxas"
[ -x "$nvcc" ] || { echo "make-ptx: nvcc not found (set NVCC or install the CUDA toolkit)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$nvcc" -ptx -arch=compute_80 -o "$tmp/raw.ptx" "$dir/playground_kernels.cu"
{
  echo "// Generated from playground_kernels.cu by tests/gpu/make-ptx.sh (nvcc -ptx -arch=compute_80),"
  echo "// with .version lowered to 7.0 so drivers older than the toolkit load it. Do not edit; rerun the script."
  sed -e 's/^\.version [0-9.]*$/.version 7.0/' "$tmp/raw.ptx"
} >"$dir/playground_kernels.ptx"
for arch in sm_80 sm_89; do
  "$ptxas" -arch="$arch" -o "$tmp/check.cubin" "$dir/playground_kernels.ptx"
done
echo "make-ptx: wrote $dir/playground_kernels.ptx (ptxas accepts it for sm_80 and sm_89)"
