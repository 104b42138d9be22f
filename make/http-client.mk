# The HTTP client against the local LLM server (issue 19): today's binary and 826e261's (the last
# on URLSession), interleaved, on the same instructions, with the client on any core and pinned to
# one; writes bench/http-client.md. Needs `make llm-server`; BASELINE overrides the old commit,
# HTTP_ROUNDS the rounds per binary and setting (default 5).
.PHONY: bench-http-client http-client-help
help: http-client-help
http-client-help:
	@echo "make bench-http-client     the HTTP client's CPU and the LLM server's speed beside it, today's binary against 826e261's (~15 min); writes bench/http-client.md"

## bench-http-client: the HTTP client's cost while the LLM server generates; writes bench/http-client.md
bench-http-client: build data
	@scripts/bench-http-client.sh $(BIN) $${BASELINE:-826e261} $${HTTP_ROUNDS:-5}
