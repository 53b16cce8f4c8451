"""The lexicon: aliases, typos, shorthand and unknown names, as the matcher sees them."""

from __future__ import annotations

import pytest

from knowledge import Engine
from knowledge.classifying import asks_for_attribution, question_kind
from knowledge.lexicon import UNKNOWN_NAME, Lexicon, stem
from knowledge.normalizing import normalize


@pytest.fixture(scope="module")
def lexicon(engine: Engine) -> Lexicon:
    return engine.index.lexicon


def tokens(lexicon: Lexicon, text: str) -> list[str]:
    return lexicon.tokens(lexicon.spell(normalize(text)))


@pytest.mark.parametrize(
    "text",
    ["DPRK", "North Korean", "Pyongyang's", "NK", "n. korea", "Kim's", "N Koreans"],
)
def test_aliases_of_north_korea(lexicon: Lexicon, text: str) -> None:
    assert tokens(lexicon, text) == ["northkorea"]


def test_longest_phrase_wins(lexicon: Lexicon) -> None:
    assert tokens(lexicon, "South Korean forces") == ["southkorea", "troops"]
    assert tokens(lexicon, "the top US diplomat said") == ["blinken", "say"]
    assert tokens(lexicon, "pentagon chief") == ["austin"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("soliders", "troops"), ("secratary of state", "blinken"), ("ukriane", "ukraine")],
)
def test_typos_of_known_words_are_corrected(lexicon: Lexicon, typed: str, meant: str) -> None:
    assert tokens(lexicon, typed) == [meant]


@pytest.mark.parametrize("word", ["crush", "died", "last"])
def test_real_words_are_never_corrected_into_ours(lexicon: Lexicon, word: str) -> None:
    assert lexicon.correct(word) is None


def test_a_misspelt_name_is_corrected_even_into_a_real_word(lexicon: Lexicon) -> None:
    assert "austen" in lexicon.known_spellings() or lexicon.correct("austen") == "austin"
    assert tokens(lexicon, "what did austen say") == ["austin", "say"]


def test_shorthand_and_swapped_letters(lexicon: Lexicon) -> None:
    assert lexicon.spell("hw mnay troops") == "how many troops"
    assert lexicon.spell("who was the ref") == "who was the referee"


def test_unknown_names_are_marked(lexicon: Lexicon) -> None:
    assert tokens(lexicon, "did china or kharkiv") == [
        f"{UNKNOWN_NAME}china",
        f"{UNKNOWN_NAME}kharkiv",
    ]
    assert tokens(lexicon, "the korean war") == [f"{UNKNOWN_NAME}korean_war"]


def test_stemming() -> None:
    assert {stem("trained"), stem("training"), stem("trains")} == {"train"}
    assert stem("planning") == "plan"
    assert stem("8000") == "8000"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how many troops", "number"),
        ("when did it start", "when"),
        ("where is kursk", "where"),
        ("why are they there", "why"),
        ("who is blinken", "who"),
        ("what is the name of the minister", "name"),
        ("how long has ukraine held kursk", "duration"),
        ("how far is kursk from moscow", "measure"),
        ("what does trench clearance mean", "definition"),
        ("when and where was it", "open"),
        ("tell me about the training", "open"),
        ("what is the trench clearance training for", "why"),
        ("what is halden best known for", "open"),  # not a purpose
        ("what is askvik calling for", "open"),
        ("what is anna berg nominated for", "open"),
        ("what was rydo fined for", "why"),
        ("which countries came up with the estimate", "open"),  # who made it
        ("which agency gave the estimate", "open"),
        ("which estimate is higher", "number"),
        ("which was the final tally", "number"),
        ("which death toll figure is correct", "number"),
        ("what was the total", "number"),
    ],
)
def test_question_kinds(question: str, kind: str) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    "question",
    ["according to whom", "who says 12000", "whose estimate is 11000", "says who", "source"],
)
def test_attribution_questions(question: str) -> None:
    assert asks_for_attribution(question)
    assert not asks_for_attribution("how many troops are in kursk")


def test_a_stem_that_lost_its_e_still_finds_its_synonym(engine: Engine) -> None:
    lexicon = engine.index.lexicon
    assert lexicon.canonical_word("moving") == lexicon.canonical_word("moved")


@pytest.mark.parametrize(
    ("forms", "other"),
    [
        (("judge", "judges", "judged", "judging"), "judo"),
        (("rate", "rates", "rated", "rating"), "rat"),
        (("vote", "votes", "voted", "voting"), "vot"),
        (("home", "homes"), "hom"),
        (("family", "families"), "famili"),
        (("city", "cities"), "citi"),
        (("agree", "agreed", "agreeing"), "agre"),
        (("change", "changed", "changing"), "chang"),
        (("movie", "movies"), "movi"),
    ],
)
def test_every_form_of_a_word_meets_it(engine: Engine, forms: tuple[str, ...], other: str) -> None:
    lexicon = engine.index.lexicon
    assert {lexicon.canonical_word(form) for form in forms} == {forms[0]}
    assert lexicon.canonical_word(other) != forms[0]


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("the neighbourhood centre", "the neighborhood center"),
        ("organised labour", "organized labor"),
        ("organising the programme", "organizing the program"),
        ("new tyres", "new tires"),
        ("a licence to travel", "a license to travel"),
        ("ten kilometres", "ten kilometers"),
    ],
)
def test_british_and_american_spellings_meet(lexicon: Lexicon, british: str, american: str) -> None:
    assert tokens(lexicon, british) == tokens(lexicon, american)
    assert tokens(lexicon, british)


def test_a_british_spelling_is_an_english_word_not_a_name_or_a_typo(lexicon: Lexicon) -> None:
    # Never "corrected" into another word, never taken for a surname the article lacks.
    assert "colour" in lexicon.real_words
    assert lexicon.spell("what colour is it") == "what colour is it"
    # Two words, not two spellings: a storey is no story, a cheque no check.
    assert tokens(lexicon, "storey") != tokens(lexicon, "story")
    assert tokens(lexicon, "cheque") != tokens(lexicon, "check")


def test_an_irregular_form_meets_its_word_unless_it_is_a_word_itself(engine: Engine) -> None:
    lexicon = engine.index.lexicon
    for form, word in (("held", "hold"), ("took", "take"), ("children", "child"), ("paid", "pay")):
        assert lexicon.canonical_word(form) == lexicon.canonical_word(word), form
    # "The left bank", "they found a company", "the media": words of their own.
    for form, word in (("left", "leave"), ("found", "find"), ("media", "medium")):
        assert lexicon.canonical_word(form) != lexicon.canonical_word(word), form


def test_a_form_is_not_taken_for_another_word_with_an_e(engine: Engine) -> None:
    lexicon = engine.index.lexicon
    # "Cars" are no "care", "hopping" is no "hope", "starred" no "stare".
    assert lexicon.canonical_word("cars") != lexicon.canonical_word("care")
    assert lexicon.canonical_word("hopping") != lexicon.canonical_word("hope")
    assert lexicon.canonical_word("starred") != lexicon.canonical_word("stare")
    # A soft word keeps its role alone: "timing" is soft, "time" is not.
    assert lexicon.canonical_word("time") not in lexicon.soft
    # "Locked", "moored", "planned", "putting" are forms of "lock", "moor", "plan", "put".
    for form, word in (
        ("locked", "lock"),
        ("moored", "moor"),
        ("planned", "plan"),
        ("putting", "put"),
    ):
        assert lexicon.canonical_word(form) == lexicon.canonical_word(word), form


@pytest.mark.parametrize(("word", "stemmed"), [("jobs", "job"), ("news", "news"), ("boss", "boss")])
def test_four_letter_plurals_lose_their_s(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_a_typo_goes_to_the_word_sharing_more_of_its_ends(lexicon: Lexicon) -> None:
    assert lexicon.correct("traning") == "training"
