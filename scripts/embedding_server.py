"""llama-cpp-python's OpenAI-compatible server in embedding mode, with mean pooling.

llama-cpp-python 0.3.36's server has no setting for the pooling type, and a decoder model such
as SmolLM2 has none in its GGUF, so /v1/embeddings would answer one vector per token. This
launcher gives every model it loads mean pooling (one vector per input, the mean of its token
states), then runs the stock server with the arguments it is given:

    .venv-llm/bin/python scripts/embedding_server.py --config_file CONFIG.json
"""
import functools

import llama_cpp

_init = llama_cpp.Llama.__init__


@functools.wraps(_init)
def _init_mean_pooled(self, *args, **kwargs):
    kwargs.setdefault("pooling_type", llama_cpp.LLAMA_POOLING_TYPE_MEAN)
    _init(self, *args, **kwargs)


llama_cpp.Llama.__init__ = _init_mean_pooled

from llama_cpp.server.__main__ import main  # noqa: E402  (after the patch, which it must see)

if __name__ == "__main__":
    main()
