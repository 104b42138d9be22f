#!/usr/bin/env bash
# The real local LLM server for blendlab's backends: llama-cpp-python's OpenAI-compatible server.
#   scripts/llm-server.sh start   venv .venv-llm/ (pinned llama-cpp-python[server]), models, serve
#   scripts/llm-server.sh stop    stop the server started by `start`
#   scripts/llm-server.sh status  say whether it answers
# Serves on 127.0.0.1: $LLM_PORT (default 8088) model `smollm2` = SmolLM2-135M-Instruct (chat),
# $LLM_PORT+1 model `gemma3` = Gemma-3-270m base (completions), $LLM_PORT+3 model `smollm2-embed`
# = SmolLM2 in embedding mode (/v1/embeddings, mean pooling). State in .llm-server/.
# The first install compiles llama.cpp (about 10-12 minutes on 2 cores); pip caches the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${LLM_PORT:-8088}
STATE=.llm-server
VENV=.venv-llm
PY=${PYTHON:-python3}
mkdir -p "$STATE"

install() {
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import llama_cpp.server, llama_cpp; assert llama_cpp.__version__ == "0.3.36"' 2>/dev/null; then
    return
  fi
  echo "llm-server: installing llama-cpp-python[server]==0.3.36 into $VENV (first time: ~10-12 min compile)"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade 'pip==24.3.1'
  local start=$SECONDS
  "$VENV/bin/python" -m pip install -q -c scripts/llm-constraints.txt 'llama-cpp-python[server]==0.3.36'
  echo "llm-server: installed in $((SECONDS - start)) s"
}

# One server per model: llama-cpp-python's multi-model --config_file keeps one model loaded and
# reloads on every switch (measured 8-14 s per switch here), so each model gets its own process.
#   $PORT      smollm2 (chat template inside): generation, judging, fusion
#   $PORT + 1  gemma3  (base model, completions; skipped when its weights are absent)
#   $PORT + 2  smollm2 with logits_all, for echo log-probabilities (lm-score). llama-cpp-python
#              needs logits_all for logprobs, and it slows generation down, so scoring gets its own.
#   $PORT + 3  smollm2-embed: embedding mode with mean pooling (scripts/embedding_server.py), for
#              rankers on served embeddings; inputs longer than 512 tokens are truncated (n_batch).
serve() { # port alias gguf logits_all [embedding]
  local port=$1 alias=$2 gguf=$3 logits=$4 embedding=${5:-false}
  if answers "$port"; then echo "llm-server: $alias already answering on 127.0.0.1:$port"; return; fi
  echo "{\"host\": \"127.0.0.1\", \"port\": $port, \"models\": [{\"model\": \"$gguf\", \"model_alias\": \"$alias\", \"n_ctx\": 2048, \"n_threads\": 2, \"logits_all\": $logits, \"embedding\": $embedding}]}" > "$STATE/config-$port.json"
  local main=(-m llama_cpp.server)
  [ "$embedding" = true ] && main=(scripts/embedding_server.py)
  nohup "$VENV/bin/python" "${main[@]}" --config_file "$STATE/config-$port.json" > "$STATE/server-$port.log" 2>&1 &
  echo $! > "$STATE/server-$port.pid"
  for _ in $(seq 1 120); do
    if answers "$port"; then echo "llm-server: $alias ready on http://127.0.0.1:$port/v1 (pid $(cat "$STATE/server-$port.pid"), log $STATE/server-$port.log)"; return; fi
    if ! kill -0 "$(cat "$STATE/server-$port.pid")" 2>/dev/null; then
      echo "llm-server: the $alias server exited; last lines of $STATE/server-$port.log:" >&2; tail -20 "$STATE/server-$port.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "llm-server: no answer on port $port after 60 s; see $STATE/server-$port.log" >&2; exit 1
}

answers() { # no curl on a bare machine; python3 is there (setup installs it)
  "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "http://127.0.0.1:$1/v1/models" >/dev/null 2>&1
}

start() {
  install
  scripts/fetch-llm-models.sh
  serve "$PORT" smollm2 models/llm/SmolLM2-135M-Instruct.Q4_1.gguf false
  if [ -f models/llm/gemma-3-270m-q4_k_m.gguf ]; then serve $((PORT + 1)) gemma3 models/llm/gemma-3-270m-q4_k_m.gguf false; fi
  serve $((PORT + 2)) smollm2 models/llm/SmolLM2-135M-Instruct.Q4_1.gguf true
  serve $((PORT + 3)) smollm2-embed models/llm/SmolLM2-135M-Instruct.Q4_1.gguf false true
}

stop_port() {
  local file="$STATE/server-$1.pid"
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "llm-server: stopped port $1 (pid $pid)"
  fi
  rm -f "$file"
}

stop() { stop_port "$PORT"; stop_port $((PORT + 1)); stop_port $((PORT + 2)); stop_port $((PORT + 3)); }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  install) install ;;
  status) if answers "$PORT"; then echo "llm-server: answering on $PORT"; else echo "llm-server: not answering on $PORT"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
