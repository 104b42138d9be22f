#!/usr/bin/env python3
"""Fixtures for the native DeBERTa / PairRM tests, made from scratch (never committed: they
derive from the development data).

tokenizer: trains a SentencePiece unigram model (the `sentencepiece` package) on development
texts from data/alpaca_eval (instructions and model outputs), lays it out like PairRM-hf
(spm.model, added_tokens.json with [MASK] and <|source|> <|candidate1|> <|candidate2|>
<|candidate|> after the pieces, as 128000-128004 in the real model), loads it with
transformers' DebertaV2Tokenizer.from_pretrained and writes the reference ids of 1,000 other
real texts (unicode, emoji, code and long ones included) to tokens.jsonl.
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


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=".build-fixtures/pairrm")
    p.add_argument("--data", default="data/alpaca_eval")
    p.add_argument("--vocab", type=int, default=4000)
    p.add_argument("--count", type=int, default=1000)
    a = p.parse_args()
    tokenizer_fixture(a.out, a.data, a.vocab, a.count)
    print(f"pairrm-fixtures: wrote {a.out}")


if __name__ == "__main__":
    main()
