# The real local LLM server (llama-cpp-python, OpenAI-compatible) for the backends and their
# integration tests. LLM_PORT picks the port (default 8088).
.PHONY: llm-server llm-server-stop llm-models llm-help
help: llm-help
llm-help:
	@echo "make llm-server            build (first time ~12-15 min) and start the local LLM servers on 127.0.0.1:$${LLM_PORT:-8088}..+3 (the last in embedding mode)"
	@echo "make llm-server-stop       stop them"
llm-models:
	@scripts/fetch-llm-models.sh
llm-server: setup
	@scripts/llm-server.sh start
llm-server-stop:
	@scripts/llm-server.sh stop
