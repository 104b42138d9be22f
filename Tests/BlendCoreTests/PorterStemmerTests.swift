import Testing
@testable import BlendCore

/// Every expected stem is nltk 3.10's PorterStemmer().stem(word) (NLTK_EXTENSIONS mode).
struct PorterStemmerTests {
    static let cases: [(String, String)] = [
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("cats", "cat"), ("feed", "feed"),
        ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"), ("sing", "sing"),
        ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"), ("tanned", "tan"),
        ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("filing", "file"), ("happy", "happi"),
        ("sky", "sky"), ("relational", "relat"), ("conditional", "condit"), ("valenci", "valenc"),
        ("hesitanci", "hesit"), ("digitizer", "digit"), ("conformabli", "conform"), ("radicalli", "radic"),
        ("differentli", "differ"), ("vileli", "vile"), ("analogousli", "analog"), ("vietnamization", "vietnam"),
        ("predication", "predic"), ("operator", "oper"), ("feudalism", "feudal"), ("decisiveness", "decis"),
        ("hopefulness", "hope"), ("callousness", "callous"), ("formaliti", "formal"), ("sensibiliti", "sensibl"),
        ("triplicate", "triplic"), ("formative", "form"), ("electrical", "electr"), ("goodness", "good"),
        ("allowance", "allow"), ("inference", "infer"), ("adjustable", "adjust"), ("defensible", "defens"),
        ("replacement", "replac"), ("adoption", "adopt"), ("communism", "commun"), ("activate", "activ"),
        ("homologous", "homolog"), ("effective", "effect"), ("bowdlerize", "bowdler"), ("probate", "probat"),
        ("rate", "rate"), ("cease", "ceas"), ("controll", "control"), ("roll", "roll"), ("dying", "die"),
        ("skies", "sky"), ("generously", "gener"), ("analogy", "analog"), ("crying", "cri"), ("died", "die"),
        ("spied", "spi"),
    ]

    @Test(arguments: cases)
    func stemsAsNLTK(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }
}
