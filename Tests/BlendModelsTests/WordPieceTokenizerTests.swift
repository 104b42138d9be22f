import Testing
@testable import BlendModels

/// Expected ids come from Hugging Face: `AutoTokenizer.from_pretrained("models/all-MiniLM-L6-v2")`
/// (transformers 5.23.0, tokenizers 0.23.3, the tokenizers-backed BertTokenizer), `tok(s)["input_ids"]`.
let huggingFaceIDs: [(String, [Int32])] = [
    ("A man is eating food.", [101, 1037, 2158, 2003, 5983, 2833, 1012, 102]),
    ("Héllo, WORLD! Ça va? naïve café", [101, 7592, 1010, 2088, 999, 6187, 12436, 1029, 15743, 7668, 102]),
    ("东京是日本的首都。", [101, 100, 1755, 100, 1864, 1876, 1916, 100, 1961, 1636, 102]),
    ("don't   stop\tbelieving\n(1990)", [101, 2123, 1005, 1056, 2644, 8929, 1006, 2901, 1007, 102]),
    ("unaffable supercalifragilisticexpialidocious",
     [101, 14477, 20961, 3468, 3565, 9289, 10128, 29181, 24411, 4588, 10288, 19312, 21273, 10085, 6313, 102]),
    ("Ünïcödé — “quotes” ½ ﬁ x²", [101, 27260, 1517, 1523, 16614, 1524, 1092, 1984, 1060, 10701, 102]),
    ("[SEP] in text [cls]", [101, 102, 1999, 3793, 1031, 18856, 2015, 1033, 102]),
    (String(repeating: "a", count: 101) + " ok", [101, 100, 7929, 102]),
    ("Привет, мир! Ελληνικά ΣΑΣ", [101, 1194, 16856, 10325, 25529, 15290, 22919, 1010, 1191, 10325, 16856, 999, 1159, 29727,
                                    29727, 24824, 16177, 18199, 29726, 14608, 1173, 14608, 29733, 102]),
    ("emoji 😀 and \u{200B}zero\u{00A0}width", [101, 7861, 29147, 2072, 100, 1998, 5717, 9381, 102]),
    ("", [101, 102]),
]

@Test(arguments: huggingFaceIDs.indices)
func tokenIDsMatchHuggingFace(_ index: Int) throws {
    let model = try RealModel.load()
    let (text, expected) = huggingFaceIDs[index]
    #expect(model.tokenizer.encode(text, maxLength: 512) == expected, "\(text)")
}

@Test func truncationKeepsClsAndSep() throws {
    let model = try RealModel.load()
    #expect(model.tokenizer.encode("A man is eating food.", maxLength: 4) == [101, 1037, 2158, 102])
}

/// Greedy longest-match-first on a toy vocabulary: "unaffable" → un ##aff ##able; a word with
/// an uncoverable piece becomes one [UNK].
@Test func wordPieceIsGreedyLongestMatchFirst() throws {
    let vocabulary = try Vocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "##a", "a", ",", "##ff"])
    let tokenizer = WordPieceTokenizer(vocabulary: vocabulary)
    #expect(tokenizer.tokenize("UNaffable, a") == [4, 5, 6, 9, 8])
    #expect(tokenizer.tokenize("unx") == [1])
}

@Test func basicTokenizerSplitsPunctuationAndStripsAccents() {
    let words = BasicTokenizer().words("Crème-brûlée!  ok").map { String(String.UnicodeScalarView($0)) }
    #expect(words == ["creme", "-", "brulee", "!", "ok"])
}
