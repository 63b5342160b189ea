from analysis.nlp.docs import SentenceIndex, doc_text, sentence_bounds, sentence_text
from analysis.nlp.parse import parse_texts

TEXT = ("VELDORA (Reuters) - Veldora said on Tuesday it would not rule out arms.  Martenburg wants more.\n\n"
        "\u201cWe need air defence,\u201d Korro said. \n\nThe talks ended\u2026 Officials left. ")


def test_sentences_from_bounds_and_text_match_spacy(embedded_study):
    plain = "A first sentence is here. A second one follows!\n\nThen a paragraph."
    for doc in parse_texts([TEXT, plain, "", "   "], embedded_study.config, use_cache=False,
                              progress=False):
        spacy_sentences = list(doc.sents)
        assert sentence_bounds(doc) == [(s.start, s.end) for s in spacy_sentences]
        assert doc_text(doc) == doc.text
        index = SentenceIndex(doc)
        for i, sentence in enumerate(spacy_sentences):
            assert sentence_text(doc, i) == sentence.text.strip()
            assert all(index[token.i] == i for token in sentence)
