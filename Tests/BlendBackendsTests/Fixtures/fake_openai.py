#!/usr/bin/env python3
"""A fake OpenAI-compatible server for the backends' error-handling unit tests only.
(chat, completions and embeddings: see do_POST for what each answers)

Usage: fake_openai.py PLAN [DELAY]
PLAN is a comma-separated list of HTTP statuses answered in turn (the last one repeats):
"429,500,200" answers 429 (Retry-After: 0), then 500, then 200 for every later request.
DELAY seconds are slept before each answer. Prints the port on the first line of stdout.
GET /stats returns {"requests": n, "max_in_flight": m, "bodies": [...]}.
"""
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

plan = [int(s) for s in sys.argv[1].split(",")]
delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
lock = threading.Lock()
state = {"requests": 0, "in_flight": 0, "max_in_flight": 0, "bodies": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.send(200, {k: state[k] for k in ("requests", "max_in_flight", "bodies")})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        with lock:
            n = state["requests"]
            state["requests"] += 1
            state["in_flight"] += 1
            state["max_in_flight"] = max(state["max_in_flight"], state["in_flight"])
            state["bodies"].append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        try:
            time.sleep(delay)
            status = plan[min(n, len(plan) - 1)]
            if status != 200:
                self.send(status, {"error": {"message": "planned failure %d" % status}}, [("Retry-After", "0")] if status == 429 else [])
                return
            usage = {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}
            if self.path.endswith("/embeddings"):
                # [characters, words, 1] per input, listed in reverse order with their index; the
                # input "per-token" gets one vector per word, as an unpooled llama.cpp answers.
                items = [{"object": "embedding", "index": i,
                          "embedding": [[1.0, 0.0]] * len(t.split()) if t == "per-token" else [float(len(t)), float(len(t.split())), 1.0]}
                         for i, t in enumerate(body.get("input", []))]
                self.send(200, {"object": "list", "data": items[::-1], "usage": usage})
            elif self.path.endswith("/chat/completions"):
                self.send(200, {"choices": [{"message": {"role": "assistant", "content": "1. A is better"}, "finish_reason": "stop"}], "usage": usage})
            else:
                prompt = body.get("prompt", "")
                tokens = prompt.split(" ")
                offsets, pos = [], 0
                for t in tokens:
                    offsets.append(pos)
                    pos += len(t) + 1
                logprobs = {"tokens": tokens, "text_offset": offsets, "token_logprobs": [None] + [-1.0] * (len(tokens) - 1)}
                self.send(200, {"choices": [{"text": prompt + " ok", "finish_reason": "length", "logprobs": logprobs}], "usage": usage})
        finally:
            with lock:
                state["in_flight"] -= 1


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
