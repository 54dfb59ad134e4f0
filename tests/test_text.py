"""matcher.text: normalisation, stop words, stemming, compound splitting, English terms."""

import pytest

from matcher.text import Analyzer, derive, normalise, stem_sv, tokens


@pytest.mark.parametrize("text,expected", [
    ("Produktionsutveckling och LEAN", ["produktionsutveckling", "lean"]),
    ("Vem kan söka? Företag med 2–49 anställda", ["vem", "söka", "företag", "anställda"]),
    ("Industri 4.0 för små företag", ["industri", "4.0", "små", "företag"]),
    ("The energy of the future", ["energy", "future"]),
])
def test_tokens_drop_stop_words_and_numbers(text, expected):
    assert tokens(text) == expected


def test_normalise_folds_case_and_dashes():
    assert normalise("Örebro\u2013Län") == "örebro län"


@pytest.mark.parametrize("word,stem", [
    ("investeringar", "investering"),
    ("checkar", "check"),
    ("kompetensförsörjningen", "kompetensförsörjning"),
    ("utbilda", "utbild"),
])
def test_swedish_stemming(word, stem):
    assert stem_sv(word) == stem


@pytest.mark.parametrize("word,parts", [
    ("produktionsutveckling", ["produktion", "utveckling"]),
    ("kompetensförsörjningen", ["kompetens", "försörjning"]),
    ("tillverkningsindustrin", ["tillverkning", "industri"]),
    ("industriföretagen", ["industri", "företag"]),
    ("energikartläggning", ["energi", "kartläggning"]),
    ("robotsvetsning", ["robot", "svetsning"]),
    ("materialet", ["materialet"]),     # not a compound: parts must be known words
    ("webbshop", ["webbshop"]),         # "shop" is no known Swedish word
])
def test_compound_splitting(word, parts):
    assert Analyzer(["svetsning"]).split(word) == parts


@pytest.mark.parametrize("word", ["kunderna", "produkterna", "maskinerna", "transporterna"])
def test_an_inflection_ending_is_no_compound_part_even_when_a_text_holds_it_alone(word):
    # a need's "PLC:erna" gives the token "erna"; as a known word it split every plural
    # definite noun into its stem + "erna", and the term "ern" matched calls at random
    a = Analyzer(["Programmera PLC:erna och robotarna."])
    assert a.split(word) == [word]
    assert "ern" not in a.word_terms(word)


def test_compound_meets_its_parts():
    a = Analyzer()
    assert set(a.terms("produktion")) <= set(a.terms("produktionsutveckling"))
    assert set(a.terms("kompetens")) <= set(a.terms("kompetensförsörjningen"))


def test_english_words_meet_swedish_ones():
    a = Analyzer()
    assert a.terms("Energy efficiency in manufacturing companies", "en") == [
        "energi", "effektiv", "tillverk", "företag"]
    assert set(a.terms("energieffektivisering")) >= {"energi", "effektiv"}
    assert a.terms("digitalisation", "en") == a.terms("digitala")


def test_phrase_terms_are_unique_and_ordered():
    assert Analyzer().phrase_terms("digital tvilling digital") == ["digital", "tvilling"]


@pytest.mark.parametrize("word,base", [
    ("kompetensen", "kompetens"),    # Snowball: "kompetens" → "kompet" but "kompetensen" → "kompetens"
    ("kompetenser", "kompetens"),
    ("marknaden", "marknad"),
    ("sensorer", "sensor"),
    ("kompetens", "kompetens"),
    ("svetsare", "svetsare"),        # no known base: left as it is
])
def test_lemma_is_the_known_base_word(word, base):
    assert Analyzer().lemma(word) == base


@pytest.mark.parametrize("inflected,base", [
    ("kompetensen", "kompetens"),
    ("marknaden", "marknad"),
    ("sensorer", "sensor"),
])
def test_inflected_and_base_forms_are_one_term(inflected, base):
    a = Analyzer()
    assert a.word_terms(inflected) == a.word_terms(base)


@pytest.mark.parametrize("noun,verb", [
    ("utbildning", "utbilda"),          # -ning
    ("rekrytering", "rekrytera"),       # -ering
    ("utveckling", "utveckla"),         # -ling of a -la verb
    ("svetsning", "svetsa"),
    ("kartläggning", "kartlägga"),
    ("tillverkning", "tillverka"),
    ("automatisering", "automatisera"),
    ("digitalisering", "digitala"),     # -isera verbs meet their root
    ("effektiviseringen", "effektiv"),
    ("robotisering", "robot"),
])
def test_a_noun_meets_its_verb(noun, verb):
    a = Analyzer()
    assert a.word_terms(noun)[0] == a.word_terms(verb)[0]


@pytest.mark.parametrize("stem,derived", [
    ("utbildning", "utbild"),
    ("rekrytering", "rekryter"),
    ("digitaliser", "digital"),
    ("tvilling", "tvilling"),           # "-ling" after a double l is no verb's noun
    ("förening", "förening"),           # "före" is too short a root
    ("ledning", "ledning"),
    ("lärling", "lärling"),
    ("produktion", "produktion"),
])
def test_derive(stem, derived):
    assert derive(stem) == derived


def test_derivation_can_be_turned_off():
    assert Analyzer(derivation=False).word_terms("utbildning") == ("utbildning",)
