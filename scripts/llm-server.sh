#!/usr/bin/env bash
# The real local LLM server for blendlab's backends: llama-cpp-python's OpenAI-compatible server.
#   scripts/llm-server.sh start   venv .venv-llm/ (pinned llama-cpp-python[server]), models, serve
#   scripts/llm-server.sh stop    stop the server started by `start`
#   scripts/llm-server.sh status  say whether it answers
# One server on 127.0.0.1:$LLM_PORT (default 8088) serves both models through --config_file
# (aliases `smollm2` = SmolLM2-135M-Instruct, chat; `gemma3` = Gemma-3-270m base, completions).
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

config() {
  local models='{"model": "models/llm/SmolLM2-135M-Instruct.Q4_1.gguf", "model_alias": "smollm2", "n_ctx": 2048, "n_threads": 2, "logits_all": true}'
  if [ -f models/llm/gemma-3-270m-q4_k_m.gguf ]; then
    models+=', {"model": "models/llm/gemma-3-270m-q4_k_m.gguf", "model_alias": "gemma3", "n_ctx": 2048, "n_threads": 2, "logits_all": true}'
  fi
  echo "{\"host\": \"127.0.0.1\", \"port\": $PORT, \"models\": [$models]}" > "$STATE/config.json"
}

answers() { curl -sf -m 2 "http://127.0.0.1:$PORT/v1/models" >/dev/null 2>&1; }

start() {
  if answers; then echo "llm-server: already answering on 127.0.0.1:$PORT"; return; fi
  install
  scripts/fetch-llm-models.sh
  config
  nohup "$VENV/bin/python" -m llama_cpp.server --config_file "$STATE/config.json" > "$STATE/server.log" 2>&1 &
  echo $! > "$STATE/server.pid"
  for _ in $(seq 1 120); do
    if answers; then echo "llm-server: ready on http://127.0.0.1:$PORT/v1 (pid $(cat "$STATE/server.pid"), log $STATE/server.log)"; return; fi
    if ! kill -0 "$(cat "$STATE/server.pid")" 2>/dev/null; then
      echo "llm-server: the server exited; last lines of $STATE/server.log:" >&2; tail -20 "$STATE/server.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "llm-server: no answer on port $PORT after 60 s; see $STATE/server.log" >&2; exit 1
}

stop() {
  [ -f "$STATE/server.pid" ] || { echo "llm-server: not started by this script"; return; }
  local pid; pid=$(cat "$STATE/server.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "llm-server: stopped (pid $pid)"
  fi
  rm -f "$STATE/server.pid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  install) install ;;
  status) if answers; then echo "llm-server: answering on $PORT"; else echo "llm-server: not answering on $PORT"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
