"""Shared by parity_metrics.py and bench_metrics.py: the development (candidate, reference)
pairs of data/alpaca_eval, and hand-made edge cases."""
import json
import os

MODELS = ["alpaca-7b", "vicuna-7b", "vicuna-13b", "oasst-sft-pythia-12b", "oasst-sft-llama-33b", "baize-v2-13b",
          "chatglm2-6b", "falcon-7b-instruct", "falcon-40b-instruct", "pythia-12b-mix-sft", "nous-hermes-13b",
          "wizardlm-13b", "minotaur-13b", "ultralm-13b"]
REFERENCE = "gpt4_1106_preview"


def dev_pairs(data_dir):
    """Every (candidate, reference) pair: [{id, hypothesis, reference}], joined by instruction."""
    def outputs(name):
        path = os.path.join(data_dir, "results", name, "model_outputs.json")
        with open(path, encoding="utf-8") as f:
            return {row["instruction"]: row["output"] for row in json.load(f)}
    refs = outputs(REFERENCE)
    pairs = []
    for model in MODELS:
        for i, (instruction, text) in enumerate(sorted(outputs(model).items())):
            if instruction in refs:
                pairs.append({"id": f"{model}/{i}", "hypothesis": text, "reference": refs[instruction]})
    return pairs


# Edge cases the tokenizers must get exactly right: empty sides, whitespace only, Unicode
# whitespace and case mapping, HTML entities, 13a's digit rules, <skipped>, Lsum lines.
EDGE_CASES = [
    ("", ""), ("", "a reference"), ("a hypothesis", ""), ("   \n  ", "x"), ("x", "\t \u3000"),
    ("The cat sat on the mat.", "The cat is on the mat."),
    ("İstanbul is in TÜRKIYE; \u212Aelvin", "istanbul is in türkiye, kelvin"),
    ("a\u00a0b\u2003c\u2028d\u0085e\x1cf", "a b c d e f"),
    ("&quot;quoted&quot; &amp;lt; &lt;tag&gt; R&D", "\"quoted\" &lt; <tag> R&D"),
    ("3.14, 1,000 and 2-3 items... end.", "3.14, 1,000 and 2 - 3 items. end ."),
    ("word-\nbreak <skipped> here-", "wordbreak here"),
    ("line one\n\nline two has words\nthree", "line two has words\nline one\nfour"),
    ("émigré naïve café 😀 日本語のテキスト", "emigre naive cafe 😀 日本語 テキスト"),
    ("running runners ran easily happiness relational conditional", "run runner running easy happy relate condition"),
    ("skies dying lying tying news innings outings cannings proceed exceed succeed",
     "sky die lie tie news inning outing canning proceeding exceeding succeeded"),
    ("caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping",
     "tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci"),
    ("digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism",
     "decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize"),
    ("electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible",
     "irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous"),
    ("effective bowdlerize probate rate cease controll roll generalization oscillators", "a b c"),
    ("a a a a a a a a", "a a"), ("1 2 3 4 5 6 7 8 9", "9 8 7 6 5 4 3 2 1"),
    ("ab", "ab"), ("abcdefg", "abcdefg"), ("Hello, World!", "hello world"),
]


def edge_pairs():
    return [{"id": f"edge/{i}", "hypothesis": h, "reference": r} for i, (h, r) in enumerate(EDGE_CASES)]


def write_jsonl(pairs, path):
    with open(path, "w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
