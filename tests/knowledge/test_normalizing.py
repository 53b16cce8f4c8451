"""normalize(): one spelling for case, punctuation, quotes, invisible characters and numbers."""

from __future__ import annotations

import pytest

from knowledge.normalizing import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8,000", "8000"),
        ("8000", "8000"),
        ("eight thousand", "8000"),
        ("8k", "8000"),
        ("8 thousand", "8000"),
        ("Ten Thousand", "10000"),
        ("twelve-thousand", "12000"),
        ("eleven thousand", "11000"),
        ("$59 billion", "59000000000"),
        ("fifty-nine billion", "59000000000"),
        ("half a million", "500000"),
        ("five hundred thousand", "500000"),
        ("500k", "500000"),
        ("12 000", "12000"),
    ],
)
def test_numbers_in_digits_and_words_meet(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_case_punctuation_and_curly_quotes() -> None:
    assert normalize("South Korea’s FOREIGN minister?!") == "south korea foreign minister"
    assert normalize("“basic infantry operations,”") == "basic infantry operations"


def test_invisible_and_control_characters_vanish() -> None:
    assert normalize("kur\u200bsk\u0000 re\u200dgion\u202e") == "kursk region"


def test_separate_numbers_stay_separate() -> None:
    assert normalize("10,000 and 12,000") == "10000 and 12000"
    assert normalize("troops and tanks") == "troops and tanks"


def test_ordinals_and_decimals() -> None:
    assert normalize("Oct 31st") == "oct 31"
    assert normalize("1.5m troops") == "1500000 troops"


def test_empty_and_whitespace() -> None:
    assert normalize("") == ""
    assert normalize(" \n\t ") == ""


def test_ordinal_number_words_after_tens() -> None:
    assert normalize("October thirty-first") == "october 31"
    assert normalize("who first said it") == "who first said it"


def test_half_a_million_is_500000_wherever_it_stands() -> None:
    assert normalize("the half-million figure") == "the 500000 figure"
    assert normalize("half a million") == "500000"


def test_a_closing_quote_after_a_plural_keeps_the_plural() -> None:
    assert normalize("'in the coming days'") == "in the coming days"
    assert normalize("the troops' uniforms") == "the troops uniforms"
    assert normalize("Russia's troops") == "russia troops"


def test_weapon_models_and_wise_suffixes_stay_one_word() -> None:
    assert normalize("F-16s and S-400") == "f16s and s400"
    assert normalize("a 2-year war") == "a 2 year war"
    assert normalize("equipment-wise") == "equipment"


def test_an_ordinal_month_of_the_year_is_its_name() -> None:
    assert normalize("in the eighth month of the year") == "in august"
    assert normalize("the 10th month") == "october"
    assert normalize("the first time") == "the first time"


def test_accented_letters_fold_to_the_plain_ones_people_type() -> None:
    assert normalize("Lena Vikström, Guillain-Barré") == normalize("lena vikstrom guillain barre")
    assert normalize("Ørsted, Straße") == "orsted strasse"
