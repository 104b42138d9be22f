#!/usr/bin/env python3
"""Fixtures for the native DeBERTa / PairRM tests, made from scratch (never committed: they
derive from the development data).

tokenizer: trains a SentencePiece unigram model (the `sentencepiece` package) on development
texts from data/alpaca_eval (instructions and model outputs), lays it out like PairRM-hf
(spm.model, added_tokens.json with [MASK] and <|source|> <|candidate1|> <|candidate2|>
<|candidate|> after the pieces, as 128000-128004 in the real model), loads it with
transformers' DebertaV2Tokenizer.from_pretrained and writes the reference ids of 1,000 other
real texts (unicode, emoji, code and long ones included) to tokens.jsonl.

encoder (--part encoder): a DebertaV2Model with random weights (seed 0) from PairRM's config
(microsoft/deberta-v3-large's: relative attention, position_buckets 256, share_att_key,
pos_att_type p2c|c2p, norm_rel_ebd layer_norm, no absolute positions, no token types), with
--layers/--hidden/--heads/--intermediate shrinking it for `make test`, and the vocabulary of the
tokenizer fixture; model.safetensors holds it under PairRM-hf's `pretrained_model.` prefix.
hidden.json + hidden.f32 hold token ids of real texts (truncated to lengths that reach the log
buckets) and PyTorch's last hidden states, one sequence at a time, float32.

pairs (--part pairs): adds a random PairRM head (head_layer.1, head_layer.4, seed 1, weights x4 and x20) to
model.safetensors and writes pairs.jsonl: 24 (instruction, a, b) triples of real development
texts with upstream's tokenize_pair ids and the logit of DebertaV2Model + the head as upstream's
DebertaV2PairRM.forward computes it (padded to 2048 with the attention mask, batches of 2).

ranker (--part ranker): the paper-era layout of `llm-blender/pair-ranker` and `llm-blender/PairRM`
(a RankerConfig config.json naming its backbone by `model_name`), made by upstream's own code: the
llm-blender 0.0.2 wheel's CrossCompareCollator and CrossCompareReranker (imported without the
package's __init__, which needs packages these fixtures do not install). pair-ranker/backbone holds
a DeBERTa config.json (vocab_size 100 above the pieces, as microsoft/deberta-v3-large's 128100 is)
and spm.model with no added tokens; the collator adds the four prefixes as upstream does, the
random 2-layer DebertaV2Model is resized to the tokenizer as build_ranker does, the reranker's head
has n_tasks 3, and pair-ranker/model.safetensors holds the reranker's state dict. ranker-pairs.jsonl:
the 24 triples of pairs.jsonl (one with "[SEP]" typed into its instruction) with the collator's
ids (batches of 1, <|candidate|> replaced as _forward does, cat_ids) and _forward's logit.
"""
import argparse, glob, hashlib, json, os, sys

ADDED = ["<|source|>", "<|candidate1|>", "<|candidate2|>", "<|candidate|>"]


def texts(data_dir):
    out = []
    for path in sorted(glob.glob(os.path.join(data_dir, "results", "*", "model_outputs.json"))):
        model = os.path.basename(os.path.dirname(path))
        for i, row in enumerate(json.load(open(path, encoding="utf-8"))):
            for field in ("instruction", "output"):
                t = row.get(field)
                if isinstance(t, str) and t.strip():
                    out.append((hashlib.sha256(f"{model}/{i}/{field}".encode()).hexdigest(), t))
    if not out:
        sys.exit(f"pairrm-fixtures: no texts in {data_dir}; run `make data`")
    out.sort()
    seen, unique = set(), []
    for _, t in out:
        if t not in seen:
            seen.add(t)
            unique.append(t)
    return unique


def pick_test_texts(pool, n):
    """n texts: up to 150 each with non-ASCII letters, emoji, code, over 4,000 characters; the rest in order."""
    kinds = [lambda t: any(ord(c) > 127 and c.isalpha() for c in t),
             lambda t: any(ord(c) >= 0x1F000 for c in t),
             lambda t: "```" in t or "def " in t or "#include" in t,
             lambda t: len(t) > 4000]
    chosen, taken = [], set()
    for k in kinds:
        for i, t in enumerate(pool):
            if len([c for c in chosen if k(c)]) >= 150 or len(chosen) >= n:
                break
            if i not in taken and k(t):
                taken.add(i)
                chosen.append(t)
    for i, t in enumerate(pool):
        if len(chosen) >= n:
            break
        if i not in taken:
            taken.add(i)
            chosen.append(t)
    return chosen


def tokenizer_fixture(out, data_dir, vocab, count):
    import sentencepiece as spm
    from transformers import DebertaV2Tokenizer
    pool = texts(data_dir)
    train, test = pool[: len(pool) // 2], pick_test_texts(pool[len(pool) // 2:], count)
    os.makedirs(out, exist_ok=True)
    corpus = os.path.join(out, "corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        for t in train:
            for line in t.splitlines():
                if line.strip():
                    f.write(line + "\n")
    spm.SentencePieceTrainer.train(
        input=corpus, model_prefix=os.path.join(out, "spm"), model_type="unigram", vocab_size=vocab,
        pad_id=0, pad_piece="[PAD]", bos_id=1, bos_piece="[CLS]", eos_id=2, eos_piece="[SEP]",
        unk_id=3, unk_piece="[UNK]", character_coverage=0.9995, seed_sentencepiece_size=200000,
        num_threads=2, minloglevel=2)
    os.remove(corpus)
    os.remove(os.path.join(out, "spm.vocab"))
    pieces = spm.SentencePieceProcessor(model_file=os.path.join(out, "spm.model")).get_piece_size()
    added = {"[MASK]": pieces, **{t: pieces + 1 + i for i, t in enumerate(ADDED)}}
    json.dump(added, open(os.path.join(out, "added_tokens.json"), "w"))
    json.dump({"do_lower_case": False, "tokenizer_class": "DebertaV2Tokenizer"},
              open(os.path.join(out, "tokenizer_config.json"), "w"))
    tok = DebertaV2Tokenizer.from_pretrained(out)
    tok.add_tokens(ADDED)
    for t, i in added.items():
        got = tok.convert_tokens_to_ids(t)
        if got != i:
            sys.exit(f"pairrm-fixtures: transformers gives {t} id {got}, expected {i}")
    with open(os.path.join(out, "tokens.jsonl"), "w", encoding="utf-8") as f:
        for t in test:
            f.write(json.dumps({"text": t, "ids": tok(t)["input_ids"]}, ensure_ascii=False) + "\n")
    return tok, pool


PAIRRM_CONFIG = {
    "model_type": "deberta-v2", "architectures": ["DebertaV2PairRM"], "attention_probs_dropout_prob": 0.1,
    "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 1024, "initializer_range": 0.02,
    "intermediate_size": 4096, "max_position_embeddings": 512, "relative_attention": True, "position_buckets": 256,
    "norm_rel_ebd": "layer_norm", "share_att_key": True, "pos_att_type": "p2c|c2p", "layer_norm_eps": 1e-7,
    "max_relative_positions": -1, "position_biased_input": False, "num_attention_heads": 16, "num_hidden_layers": 24,
    "type_vocab_size": 0, "vocab_size": 128005, "pad_token_id": 0, "n_tasks": 1, "drop_out": 0.05,
    "source_prefix_id": 128001, "cand1_prefix_id": 128002, "cand2_prefix_id": 128003, "cand_prefix_id": 128004,
    "sep_token_id": 2,
}


def encoder_fixture(out, layers, hidden, heads, intermediate, lengths):
    import numpy as np, torch
    from safetensors.torch import save_file
    from transformers import DebertaV2Config, DebertaV2Model
    added = json.load(open(os.path.join(out, "added_tokens.json")))
    vocab = max(added.values()) + 1
    cfg = dict(PAIRRM_CONFIG, num_hidden_layers=layers, hidden_size=hidden, num_attention_heads=heads,
               intermediate_size=intermediate, vocab_size=vocab,
               **{k: added[t] for k, t in [("source_prefix_id", "<|source|>"), ("cand1_prefix_id", "<|candidate1|>"),
                                           ("cand2_prefix_id", "<|candidate2|>"), ("cand_prefix_id", "<|candidate|>")]})
    torch.manual_seed(0)
    model = DebertaV2Model(DebertaV2Config(**cfg)).eval()
    with torch.no_grad():  # LayerNorms away from the identity, so they are tested too
        for name, p in model.named_parameters():
            if "LayerNorm" in name:
                p.add_(torch.randn_like(p) * 0.1)
    json.dump(cfg, open(os.path.join(out, "config.json"), "w"), indent=1)
    save_file({"pretrained_model." + k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(out, "model.safetensors"))
    rows = [json.loads(l) for l in open(os.path.join(out, "tokens.jsonl"), encoding="utf-8")]
    rows.sort(key=lambda r: -len(r["ids"]))
    seqs = [r["ids"][:n - 1] + [r["ids"][-1]] for r, n in zip(rows, lengths)]
    states = []
    with torch.no_grad():
        for ids in seqs:
            states.append(model(input_ids=torch.tensor([ids])).last_hidden_state[0].numpy().astype(np.float32))
    np.concatenate(states).tofile(os.path.join(out, "hidden.f32"))
    json.dump({"sequences": seqs, "hidden": hidden}, open(os.path.join(out, "hidden.json"), "w"))


def tokenize_pair(tok, sources, c1s, c2s, source_max_length=1224, candidate_max_length=412):
    """llm_blender.blender.blender_utils.tokenize_pair, as upstream writes it."""
    ids = []
    max_length = source_max_length + 2 * candidate_max_length
    for i in range(len(sources)):
        source_ids = tok.encode("<|source|>" + sources[i], max_length=source_max_length, truncation=True)
        cand_len = (max_length - len(source_ids)) // 2
        c1 = tok.encode("<|candidate1|>" + c1s[i], max_length=cand_len, truncation=True)
        c2 = tok.encode("<|candidate2|>" + c2s[i], max_length=cand_len, truncation=True)
        ids.append(source_ids + c1 + c2)
    return tok.pad({"input_ids": ids}, return_tensors="pt", padding="max_length", max_length=max_length), ids


def pairs_fixture(out, data_dir, count):
    import torch
    from safetensors.torch import load_file, save_file
    from transformers import DebertaV2Config, DebertaV2Model, DebertaV2Tokenizer
    cfg = json.load(open(os.path.join(out, "config.json")))
    tensors = {k: v for k, v in load_file(os.path.join(out, "model.safetensors")).items() if k.startswith("pretrained_model.")}
    model = DebertaV2Model(DebertaV2Config(**cfg)).eval()
    model.load_state_dict({k[len("pretrained_model."):]: v for k, v in tensors.items()})
    h = cfg["hidden_size"]
    torch.manual_seed(1)
    head = torch.nn.Sequential(torch.nn.Dropout(cfg["drop_out"]), torch.nn.Linear(2 * h, h), torch.nn.Tanh(),
                               torch.nn.Dropout(cfg["drop_out"]), torch.nn.Linear(h, cfg["n_tasks"])).eval()
    with torch.no_grad():  # larger than the default init, so that logits spread over several units
        head[1].weight.mul_(4)
        head[4].weight.mul_(20)
    tensors.update({"head_layer." + k: v.contiguous() for k, v in head.state_dict().items()})
    save_file(tensors, os.path.join(out, "model.safetensors"))
    tok = DebertaV2Tokenizer.from_pretrained(out)
    tok.add_tokens(ADDED)
    rows = []
    for path in sorted(glob.glob(os.path.join(data_dir, "results", "*", "model_outputs.json")))[:3]:
        rows.append(json.load(open(path, encoding="utf-8")))
    triples = []
    for i in range(count):  # short and long ones: every 17th instruction
        k = (i * 17) % len(rows[0])
        triples.append({"id": f"pair-{i}", "instruction": rows[0][k]["instruction"], "a": rows[1][k]["output"], "b": rows[2][k]["output"]})
    with open(os.path.join(out, "pairs.jsonl"), "w", encoding="utf-8") as f:
        for start in range(0, len(triples), 2):
            batch = triples[start:start + 2]
            enc, ids = tokenize_pair(tok, [t["instruction"] for t in batch], [t["a"] for t in batch], [t["b"] for t in batch])
            with torch.no_grad():
                encs = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
                x = enc["input_ids"]
                src = encs[torch.where(x == cfg["source_prefix_id"])]
                c1 = encs[torch.where(x == cfg["cand1_prefix_id"])]
                c2 = encs[torch.where(x == cfg["cand2_prefix_id"])]
                logits = (head(torch.cat([src, c1], -1)) - head(torch.cat([src, c2], -1))).mean(-1)
            for t, i, l in zip(batch, ids, logits.tolist()):
                f.write(json.dumps({**t, "ids": i, "logit": l}, ensure_ascii=False) + "\n")


def upstream_pair_ranker():
    """llm_blender.pair_ranker's collator and ranker modules without llm_blender/__init__.py."""
    import importlib.util, types
    spec = importlib.util.find_spec("llm_blender")
    if spec is None:
        sys.exit("pairrm-fixtures: llm-blender is not installed (scripts/requirements-llm-blender.txt)")
    if "llm_blender" not in sys.modules:
        pkg = types.ModuleType("llm_blender")
        pkg.__path__ = list(spec.submodule_search_locations)
        sys.modules["llm_blender"] = pkg
    from llm_blender.pair_ranker.collator import CrossCompareCollator
    from llm_blender.pair_ranker.ranker import CrossCompareReranker
    return CrossCompareCollator, CrossCompareReranker


def ranker_fixture(out, source_max, candidate_max, tasks):
    import shutil, torch
    from safetensors.torch import save_file
    from transformers import DebertaV2Config, DebertaV2Model, DebertaV2Tokenizer
    CrossCompareCollator, CrossCompareReranker = upstream_pair_ranker()
    root = os.path.join(out, "pair-ranker")
    backbone = os.path.join(root, "backbone")
    os.makedirs(backbone, exist_ok=True)
    shutil.copy(os.path.join(out, "spm.model"), os.path.join(backbone, "spm.model"))
    json.dump({"do_lower_case": False, "tokenizer_class": "DebertaV2Tokenizer"},
              open(os.path.join(backbone, "tokenizer_config.json"), "w"))
    enc = json.load(open(os.path.join(out, "config.json")))
    cfg = {k: v for k, v in enc.items() if not k.endswith("_prefix_id") and k not in ("n_tasks", "drop_out", "sep_token_id")}
    tok = DebertaV2Tokenizer.from_pretrained(backbone)
    cfg["vocab_size"] = len(tok) + 99  # like deberta-v3-large: room beyond the tokenizer, cut by resize_token_embeddings
    cfg["architectures"] = ["DebertaV2Model"]
    json.dump(cfg, open(os.path.join(backbone, "config.json"), "w"), indent=1)
    # transformers 5 removed batch_encode_plus, which the collator calls (upstream issue #33): the
    # call it stood for.
    tok.batch_encode_plus = lambda texts, **kw: tok(texts, **kw)
    collator = CrossCompareCollator(source_max, tok, candidate_max)
    torch.manual_seed(2)
    model = DebertaV2Model(DebertaV2Config(**cfg)).eval()
    model.resize_token_embeddings(len(tok))
    model.config.out_hidden_state_size = model.config.hidden_size
    args = argparse.Namespace(n_tasks=tasks, num_pos=1, num_neg=1, sub_sampling_mode="all_pair", sub_sampling_ratio=0.5,
                              loss_type="instructgpt", drop_out=0.05, inference_mode="bubble")
    ranker = CrossCompareReranker(model, args, tok).eval()
    with torch.no_grad():
        for name, p in ranker.named_parameters():
            if "LayerNorm" in name:
                p.add_(torch.randn_like(p) * 0.1)
        ranker.head_layer[1].weight.mul_(4)
        ranker.head_layer[4].weight.mul_(20)
    save_file({k: v.contiguous() for k, v in ranker.state_dict().items()}, os.path.join(root, "model.safetensors"))
    json.dump({"ranker_type": "pairranker", "model_type": "deberta", "model_name": "backbone", "cache_dir": None,
               "load_checkpoint": None, "source_maxlength": source_max, "candidate_maxlength": candidate_max,
               "n_tasks": tasks, "num_pos": 5, "num_neg": 5, "sub_sampling_mode": "all_pair", "sub_sampling_ratio": 0.4,
               "loss_type": "instructgpt", "reduce_type": "linear", "inference_mode": "bubble", "drop_out": 0.05,
               "fp16": True, "device": None}, open(os.path.join(root, "config.json"), "w"), indent=1)
    triples = [json.loads(l) for l in open(os.path.join(out, "pairs.jsonl"), encoding="utf-8")]
    triples[3]["instruction"] = "Answer in two parts. [SEP] " + triples[3]["instruction"]
    with open(os.path.join(out, "ranker-pairs.jsonl"), "w", encoding="utf-8") as f:
        for t in triples:
            batch = collator([{"source": t["instruction"], "candidates": [t["a"], t["b"]]}])
            s_ids, s_mask = batch["source_ids"], batch["source_attention_mask"]
            c_ids, c_mask = batch["candidate_ids"], batch["candidate_attention_mask"]
            with torch.no_grad():
                logit = ranker._forward(s_ids, s_mask, c_ids[:, 0], c_mask[:, 0], c_ids[:, 1], c_mask[:, 1])["logits"]
            c1, c2 = c_ids[:, 0].clone(), c_ids[:, 1].clone()
            c1[c1 == tok.cand_prefix_id] = tok.cand1_prefix_id
            c2[c2 == tok.cand_prefix_id] = tok.cand2_prefix_id
            ids, mask = ranker.cat_ids(s_ids, s_mask, c1, c_mask[:, 0], c2, c_mask[:, 1])
            ids = ids[0][mask[0].ne(0)].tolist()
            row = {"id": t["id"], "instruction": t["instruction"], "a": t["a"], "b": t["b"], "ids": ids, "logit": logit.item()}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=".build-fixtures/pairrm")
    p.add_argument("--data", default="data/alpaca_eval")
    p.add_argument("--vocab", type=int, default=4000)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--part", choices=["tokenizer", "encoder", "pairs", "ranker"], default="tokenizer")
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--intermediate", type=int, default=1024)
    p.add_argument("--lengths", default="1100,700,300,129,40,5")
    a = p.parse_args()
    if a.part == "tokenizer":
        tokenizer_fixture(a.out, a.data, a.vocab, a.count)
    elif a.part == "pairs":
        pairs_fixture(a.out, a.data, 24)
    elif a.part == "ranker":
        ranker_fixture(a.out, 128, 128, 3)
    else:
        encoder_fixture(a.out, a.layers, a.hidden, a.heads, a.intermediate, [int(x) for x in a.lengths.split(",")])
    print(f"pairrm-fixtures: wrote {a.out}")


if __name__ == "__main__":
    main()
