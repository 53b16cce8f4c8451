"""Facts generated from an article the tests own: speakers, figures, dates, types, aliases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from knowledge.building.entities import with_trimmed_names
from knowledge.building.generating import GeneratedArticle, generate, load_pipeline
from knowledge.dating import resolve
from knowledge.loading import parse_article
from knowledge.models import ArticleMeta, FactSpec

FLOOD = Path(__file__).parent / "fixtures" / "flood.txt"
PUBLISHED = dt.date(2024, 6, 5)  # a Wednesday


@pytest.fixture(scope="module")
def flood() -> GeneratedArticle:
    meta = ArticleMeta(id="flood", title="Flood", date=PUBLISHED)
    return generate(parse_article(meta, FLOOD.read_text(encoding="utf-8")))


def _generated(article_id: str, text: str) -> GeneratedArticle:
    """What `kb add` generates for `text`, an article published on PUBLISHED."""
    meta = ArticleMeta(id=article_id, title=article_id.title(), date=PUBLISHED)
    return generate(parse_article(meta, text))


def fact(generated: GeneratedArticle, fact_id: str) -> dict[str, Any]:
    return next(f for f in generated.facts["fact"] if f["id"] == fact_id)


def test_one_valid_fact_per_sentence(flood: GeneratedArticle) -> None:
    facts = flood.facts["fact"]
    assert flood.report.sentences == len(facts) == 9
    for item in facts:
        FactSpec.model_validate(item)  # the curator's format, validated the same way


@pytest.mark.parametrize(
    ("fact_id", "speaker"),
    [
        ("p2-s1", "Mayor Petra Lindqvist"),
        ("p3-s1", "Petra Lindqvist"),
        ("p3-s2", "Petra Lindqvist"),  # the quotation goes on
        ("p5-s1", "police spokesman Jonas Weber"),
        ("p1-s1", "local officials"),
    ],
)
def test_speakers_from_the_parse(flood: GeneratedArticle, fact_id: str, speaker: str) -> None:
    assert fact(flood, fact_id)["source"] == speaker


def test_unattributed_sentence_is_the_articles(flood: GeneratedArticle) -> None:
    assert fact(flood, "p8-s1")["source"] == "the article"


def test_answer_types_from_entities_and_figures(flood: GeneratedArticle) -> None:
    first = fact(flood, "p1-s1")
    assert {"number", "date", "place"} <= {first["type"], *first.get("also", [])}
    rise = fact(flood, "p2-s1")
    assert "measure" in {rise["type"], *rise.get("also", [])}
    rain = fact(flood, "p7-s1")
    assert "reason" in {rain["type"], *rain.get("also", [])}


def test_a_surname_after_a_quotation_speaks_though_the_tagger_misses_it() -> None:
    text = (
        "KORVATH — The Sentinels won the final on Sunday. Team captain Tomas Ardely, 24,"
        " defended the victory.\n\n"
        '"I feel for Arkin, nobody wants to win like that," Ardely said on stage after lifting'
        " the trophy.\n"
    )
    facts = _generated("quoted", text).facts["fact"]
    assert facts[-1]["source"] == "Tomas Ardely"


def test_a_reason_told_as_a_purpose_or_a_driver() -> None:
    text = (
        "LESNAYA — Broadband in the valley is three years late, the ministry said on Monday.\n\n"
        "Crews worked through the night to restore the cable.\n\n"
        "The rise in climbers was driven in part by social media.\n\n"
        "The council voted to close the school.\n"
    )
    facts = _generated("purpose", text).facts["fact"]
    types = [{item["type"], *item.get("also", [])} for item in facts]
    assert "reason" in types[1]  # what the crews worked for
    assert "reason" in types[2]
    assert "reason" not in types[3]  # what was voted for is no reason


def test_relative_day_resolved_against_the_article_date(flood: GeneratedArticle) -> None:
    first = fact(flood, "p1-s1")
    assert "June 4, 2024" in first["answer"]
    assert "June 4, 2024" in first["keywords"]
    assert {"type": "date", "text": "on Tuesday (June 4, 2024)"} in [
        {"type": lead["type"], "text": lead["text"]} for lead in first["leads"]
    ] or any("Tuesday (June 4, 2024)" in lead["text"] for lead in first["leads"])


def test_figures_lead_with_their_noun(flood: GeneratedArticle) -> None:
    texts = [lead["text"] for lead in fact(flood, "p1-s1")["leads"] if lead["type"] == "number"]
    assert "about 3,500 residents" in texts


def test_inflections_make_irregular_forms_known(flood: GeneratedArticle) -> None:
    assert {"rise", "rose", "risen"} <= set(fact(flood, "p2-s1")["keywords"])


def test_questions_read_as_questions(flood: GeneratedArticle) -> None:
    assert fact(flood, "p1-s1")["questions"][0] == "When did the Saale River burst its banks?"
    assert (
        "How many boats did the regional emergency agency deploy?"
        in (fact(flood, "p4-s1")["questions"])
    )
    assert fact(flood, "p5-s1")["questions"][:2] == [
        "How many people died?",
        "How many were injured?",
    ]


def test_lexicon_aliases_surnames_and_acronyms(flood: GeneratedArticle) -> None:
    synonyms = flood.lexicon["synonyms"]
    assert "lindqvist" in synonyms["petralindqvist"]
    assert "fra" in synonyms["floodresponseauthority"]
    assert "petralindqvist" in flood.lexicon["entities"]["tokens"]


def test_report_lists_people_figures_dates(flood: GeneratedArticle) -> None:
    report = flood.report
    assert "Petra Lindqvist" in report.people
    assert any("3,500" in figure for figure in report.figures)
    assert any("June 4, 2024" in day for day in report.dates)


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("Thursday", dt.date(2024, 10, 31)),
        ("on Tuesday", dt.date(2024, 10, 29)),
        ("yesterday", dt.date(2024, 10, 30)),
        ("January 14", dt.date(2024, 1, 14)),  # a past January, never the next one
        ("December 3", dt.date(2023, 12, 3)),  # after the article's date: the year before
        ("Oct. 2, 2019", dt.date(2019, 10, 2)),
        ("the 5th of March", dt.date(2024, 3, 5)),
        ("last year", None),
    ],
)
def test_dates_resolve_against_the_article(words: str, day: dt.date | None) -> None:
    assert resolve(words, dt.date(2024, 10, 31)) == day


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("Sunday", dt.date(2024, 11, 3)),  # "will meet on Sunday": the coming one
        ("Thursday", dt.date(2024, 11, 7)),  # said on a Thursday about the future: next week
        ("November 2", dt.date(2024, 11, 2)),
        ("October 2", dt.date(2025, 10, 2)),  # already past this year: next year's
    ],
)
def test_dates_ahead_of_the_article(words: str, day: dt.date) -> None:
    assert resolve(words, dt.date(2024, 10, 31), ahead=True) == day


def test_last_weekday_on_that_weekday_is_a_week_before() -> None:
    assert resolve("last Thursday", dt.date(2024, 10, 31)) == dt.date(2024, 10, 24)
    assert resolve("decades 3", dt.date(2024, 10, 31)) is None  # not December 3


def test_a_future_sentence_looks_ahead(tmp_path: Path) -> None:
    text = "Voters in Marlow will elect a new mayor on Sunday, the electoral commission said.\n"
    meta = ArticleMeta(id="vote", title="Vote", date=dt.date(2024, 6, 7))  # a Friday
    generated = generate(parse_article(meta, text))
    assert "June 9, 2024" in generated.facts["fact"][0]["answer"]


def test_undated_article_resolves_only_full_dates() -> None:
    assert resolve("Thursday", None) is None
    assert resolve("May 1, 1990", None) == dt.date(1990, 5, 1)


def _leads_given(tmp_path: Path, text: str, questions: list[str]) -> dict[str, str]:
    """Build `text` with `kb add`'s builder and return each question's answer text."""
    from knowledge.answering import Engine  # noqa: PLC0415 - only these tests answer
    from knowledge.building.adding import Options, add_sources  # noqa: PLC0415
    from knowledge.loading import load_knowledge_base  # noqa: PLC0415

    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    add_sources(tmp_path / "kb", [str(story)], Options(date=PUBLISHED))
    engine = Engine(load_knowledge_base(tmp_path / "kb"))
    return {question: engine.answer(question).text for question in questions}


def test_each_claim_of_a_sentence_leads_its_own_answer(tmp_path: Path) -> None:
    leads = {
        "how much did the city provide?": "30 million crowns",
        # The bare "12 million" takes the unit of the figure before it, and its own clause.
        "how much did the heritage fund contribute?": "12 million crowns",
        "how much came from private donors?": "6 million crowns",
    }
    bonus = "how much is the volunteer bonus?"
    answers = _leads_given(
        tmp_path,
        "VALDORA — The maritime museum reopened on Saturday after a four-year restoration.\n\n"
        "The city provided 30 million crowns, the national Heritage Fund contributed "
        "12 million, and the remaining 6 million was raised from private donors.\n\n"
        "The museum will pay each volunteer a one-time bonus.\n",
        [*leads, bonus],
    )
    for question, lead in leads.items():
        assert answers[question].startswith(lead), (question, answers[question])
    assert not answers[bonus].lower().startswith("one-time")  # a word, not a figure


def test_a_share_or_a_dateline_is_nobody_speaking() -> None:
    text = (
        "MARLOWE CITY — Officials said the plant would close in May.\n\n"
        "About 38 percent of vaccinated participants reported a sore arm.\n"
    )
    sources = {f["id"]: f["source"] for f in _generated("shares", text).facts["fact"]}
    assert sources["p1-s1"] == "Officials"
    assert sources["p2-s1"] == "the article"  # not "About 38 percent"


def test_short_answers_keep_to_their_own_figure(tmp_path: Path) -> None:
    leads = {
        # People left without power are not euros, though euros came first in the sentence.
        "how many people were left without power?": "About 2 million,",
        "how much did the utility pay?": "4 million euros,",
        # A number spelt out is a figure all through.
        "how many people were injured in Osk?": "Twenty-five people",
    }
    answers = _leads_given(
        tmp_path,
        "RIVA — The storm hit Riva on Tuesday.\n\n"
        "The utility paid 4 million euros in repairs, and about 2 million were left without "
        "power, officials said.\n\n"
        "Twenty-five people were injured in the town of Osk.\n",
        list(leads),
    )
    for question, lead in leads.items():
        assert answers[question].startswith(lead), (question, answers[question])


def test_a_surname_tagged_as_a_group_is_still_the_persons() -> None:
    # The tagger takes "Osterby" alone for an organisation in "..., Osterby said."
    text = (
        '"These are the strongest results we have seen," Dr. Helena Osterby, the agency\'s '
        "chief medical officer, told reporters.\n\n"
        "The committee is due to meet on June 10 to consider the vaccine, Osterby said.\n"
    )
    lexicon = _generated("trial", text).lexicon
    assert "osterby" in lexicon["synonyms"]["helenaosterby"]
    assert "osterby" not in lexicon["entities"]["tokens"]


def test_he_or_she_stands_for_the_person_named_before() -> None:
    text = (
        "The committee said Hallander had admitted accepting 25,000 marks. Without that "
        "cooperation, it said, he would have faced a lifetime ban.\n"
    )
    facts = _generated("ban", text).facts["fact"]
    assert "Hallander" in facts[1].get("setting", [])
    assert "Hallander" not in facts[0].get("setting", [])  # named there already


def test_a_currency_english_does_not_know_is_money(tmp_path: Path) -> None:
    answers = _leads_given(
        tmp_path,
        "HALVERSTAD — The federation banned the coach for life on Tuesday.\n\n"
        "Investigators found that the coach had received at least 180,000 marks in cash "
        "from an intermediary.\n\n"
        "The inquiry took nine months.\n",
        ["how much did the coach receive?", "how much did the inquiry cost?"],
    )
    assert answers["how much did the coach receive?"].startswith("At least 180,000 marks")
    # Nine months is how long, not how much: the article gives no cost.
    assert answers["how much did the inquiry cost?"].startswith("The article doesn't say")


def test_how_many_counts_what_it_names(tmp_path: Path) -> None:
    questions = {
        "how many people joined the picket?": "About 400 people",
        "how many evacuees are at the sports centre?": "The article doesn't say",
        "how many firefighters are volunteers?": "The article doesn't say",
        "how many hectares have burned?": "More than 4,200 hectares",
    }
    answers = _leads_given(
        tmp_path,
        "CARROW RIDGE — A wildfire has burned more than 4,200 hectares since Sunday.\n\n"
        "Evacuees are being housed at the sports centre and at two schools in Marlowe.\n\n"
        "One firefighter, a 27-year-old volunteer, was taken to hospital.\n\n"
        "Police said about 400 people joined the picket at the main gate.\n",
        list(questions),
    )
    for question, expected in questions.items():
        assert answers[question].startswith(expected), (question, answers[question])


def test_a_role_stands_for_the_person_in_every_sentence() -> None:
    text = (
        "Firefighters brought the blaze under control, regional fire chief Anton Moser said.\n\n"
        '"The first crews could smell the ammonia from a kilometre away," Moser said.\n'
    )
    facts = _generated("fire", text).facts["fact"]
    assert {"fire", "chief"} <= set(facts[1].get("setting", []))


def test_a_role_named_beside_the_person_goes_with_the_quote(tmp_path: Path) -> None:
    text = (
        "Velsky's lawyer, Johan Brekk, said his client denied any wrongdoing.\n\n"
        '"The federation has built its case on circumstantial evidence," Brekk said.\n\n'
        '"These results are strong," Helena Osterby, the agency\'s chief medical officer, '
        "told reporters.\n\n"
        '"We will publish a breakdown on Monday," Osterby said.\n'
    )
    facts = _generated("roles", text).facts["fact"]
    assert "lawyer" in facts[1].get("setting", [])
    # Her title names the agency, but she is not the agency ("what did the agency say?").
    assert "officer" in facts[3].get("setting", [])
    assert "agency" not in facts[3].get("setting", [])
    answers = _leads_given(tmp_path, text, ["what did the lawyer say about the evidence?"])
    assert "circumstantial evidence" in answers["what did the lawyer say about the evidence?"]


def test_a_place_without_a_name_answers_where(tmp_path: Path) -> None:
    answers = _leads_given(
        tmp_path,
        "CALDERHAVEN — Dockworkers walked off the job on Monday.\n\n"
        '"Nobody here wanted to strike," union secretary Dana Morrow told reporters outside '
        "the port's main gate.\n\n"
        "Anna Lindqvist said her scooter began smoking in her kitchen in July.\n",
        ["where did morrow speak to reporters?", "where did lindqvist's scooter start smoking?"],
    )
    assert "outside the port's main gate" in answers["where did morrow speak to reporters?"]
    assert "in her kitchen" in answers["where did lindqvist's scooter start smoking?"]


def test_the_name_after_a_title_is_a_person() -> None:
    text = (
        "Mayor Agnes Holloway said the town had set aside an emergency fund.\n\n"
        "She also asked visitors to stay away from the area.\n"
    )
    generated = _generated("fund", text)
    facts = generated.facts["fact"]
    assert "Agnes Holloway" in facts[0]["entities"]
    assert "person" in [facts[0]["type"], *facts[0].get("also", [])]
    # "She" is the mayor, with the title the article gave her.
    assert {"mayor", "Agnes Holloway"} <= set(facts[1].get("setting", []))


def test_a_department_after_a_title_is_the_titles_not_the_persons() -> None:
    text = (
        "US Secretary of Defense Lloyd Austin said some troops had been moved to the region.\n\n"
        "Austin added that the allies were discussing next steps.\n"
    )
    generated = _generated("troops", text)
    assert "Lloyd Austin" in generated.facts["fact"][0]["entities"]
    assert not any(
        "Defense Lloyd" in e for f in generated.facts["fact"] for e in f.get("entities", [])
    )
    # A department of several words is the title's too.
    text = "Minister of Foreign Affairs Ana Ruiz said the government would not intervene.\n"
    assert "Ana Ruiz" in _generated("affairs", text).facts["fact"][0]["entities"]


def test_a_word_finds_its_derived_relatives(flood: GeneratedArticle) -> None:
    # "evacuated" in the sentence; "evacuation" in the question.
    keywords = {w for f in flood.facts["fact"] for w in f.get("keywords", [])}
    assert {"evacuated", "evacuation", "evacuations"} <= keywords


def test_a_place_stays_itself_beside_a_group_named_after_it() -> None:
    text = (
        "KARSBY — The Tallen River Bridge, the main road link between Karsby and the industrial "
        "suburb of Norrhamn, will remain closed for at least four months, officials said.\n\n"
        "Commuters have also struggled. Kjell Brandt, 27, a nurse at Karsby General Hospital, "
        "said his journey to work had risen from 15 minutes to more than an hour on Monday.\n"
    )
    first = _generated("bridge", text).facts["fact"][0]
    assert "Karsby" in first["entities"]
    assert "Karsby General Hospital" not in first["entities"]


def test_a_common_noun_the_tagger_took_for_a_name_is_no_name() -> None:
    text = (
        "The regional council rejected a proposal for a new bridge last year.\n\n"
        "Council leader Annika Rask said the plan would return to the agenda.\n\n"
        "Commuters have also struggled.\n"
    )
    names = _generated("council", text).lexicon["entities"]["tokens"]
    assert "annikarask" in names
    assert "council" not in names
    assert "commuters" not in names


def test_a_title_before_a_place_or_institution_makes_no_person() -> None:
    text = (
        "The Justice Department opened an inquiry on Monday.\n\n"
        "Patients were moved to Queen Elizabeth Hospital, officials said.\n\n"
        "Mayor Agnes Holloway said the town would recover.\n"
    )
    generated = _generated("titles", text)
    people = generated.report.people
    assert "Agnes Holloway" in people
    assert not any(p in people for p in ("Department", "Elizabeth Hospital"))


def test_an_acronym_the_tagger_takes_into_the_name_is_still_its_acronym() -> None:
    text = (
        "LINDEN, Estavia — The opposition Civic Union (CU) won the most seats in Estavia's "
        "parliamentary election on Sunday.\n\n"
        "Velorian officials said Veloria would free nine Kestranians.\n"
    )
    synonyms = _generated("vote", text).lexicon["synonyms"]
    assert "cu" in synonyms["civicunion"]
    assert "civicunioncu" not in synonyms


def test_an_acronym_after_a_bracket_the_tagger_takes_into_the_name_is_its_acronym() -> None:
    text = (
        "BRENMOOR — The city council voted on Tuesday to bring in a congestion charge.\n\n"
        "The Brenmoor Chamber of Commerce and Industry (BCCI), which represents about 1,900 "
        "businesses, warned that the charge could drive shoppers to out-of-town retail parks.\n\n"
        "He said the BCCI would ask the council to delay the start date.\n"
    )
    generated = _generated("charge", text)
    lexicon = generated.lexicon
    assert "bcci" in lexicon["synonyms"]["brenmoorchamberofcommerceandindustry"]
    assert "bcci" not in lexicon["entities"]["tokens"]
    leads = [lead["text"] for fact in generated.facts["fact"] for lead in fact.get("leads", [])]
    assert "Brenmoor Chamber of Commerce and Industry" in leads  # no bracket left over


def test_an_age_beside_a_surname_the_tagger_takes_for_a_group_and_no_dangling_words() -> None:
    text = (
        "KELBY — Kelby Valley Water managing director Graham Selwood said bills would rise.\n\n"
        "Selwood, 58, who took over at the utility in 2021, said the company would expand "
        "its social tariff.\n\n"
        "The operator of the Lumen Arena in Vellmouth said on Thursday it would refund more "
        "than 18,000 fans.\n"
    )
    leads = {
        (lead["type"], lead["text"])
        for fact in _generated("water", text).facts["fact"]
        for lead in fact.get("leads", [])
    }
    assert ("measure", "58 years old") in leads
    assert not any(kind == "date" and text == "58" for kind, text in leads)
    assert ("person", "Lumen Arena") in leads  # not "Lumen Arena in"


def test_an_age_after_a_titled_name_the_parse_hangs_from_the_title() -> None:
    text = (
        "KORVATH — The Sentinels won the Meridian Cup final on Sunday.\n\n"
        "Team captain Tomas Ardely, 24, defended the victory.\n"
    )
    leads = {
        (lead["type"], lead["text"])
        for fact in _generated("captain", text).facts["fact"]
        for lead in fact.get("leads", [])
    }
    assert ("measure", "24 years old") in leads
    assert ("date", "24") not in leads


def test_a_tally_after_a_name_is_no_age() -> None:
    text = (
        "KORVATH — The Sentinels won the final 3-1 on Sunday.\n\n"
        "Goals came from striker Tomas Ardely, 2, and defender Piet Lund, 1, the club said.\n"
    )
    leads = {
        (lead["type"], lead["text"])
        for fact in _generated("tally", text).facts["fact"]
        for lead in fact.get("leads", [])
    }
    assert ("measure", "2 years old") not in leads


def test_its_subject_goes_on_about_the_sentence_before() -> None:
    text = (
        "PORT VALIDOR — Nearly two-thirds of the coral on the Selva Reef showed signs of "
        "bleaching, scientists said on Friday.\n\n"
        "The survey was published by the Costamar Institute of Marine Science. Its teams "
        "examined 412 sites along the reef.\n"
    )
    facts = {fact["id"]: fact for fact in _generated("reef", text).facts["fact"]}
    assert "survey" in facts["p2-s2"]["setting"]  # "how many sites did the survey cover?"


def test_places_are_listed_apart_from_people_and_groups() -> None:
    text = (
        "DUNMERE — Rents in Dunmere rose 13.8 percent last year, Mayor Tomas Lindqvist said.\n\n"
        "The Dunmere Tenants Union said Lindqvist had ignored renters.\n"
    )
    entities = _generated("rents", text).lexicon["entities"]
    assert "dunmere" in entities["places"]
    assert not {"tomaslindqvist", "dunmeretenantsunion"} & set(entities["places"])


def test_a_share_in_words_is_a_figure() -> None:
    text = (
        "PORT VALIDOR — Nearly two-thirds of the coral on the Selva Reef showed signs of "
        "bleaching, scientists said on Friday.\n\n"
        "About half of the reef's dive operators have cut their trips.\n"
    )
    facts = _generated("reef", text).facts["fact"]
    leads = [lead["text"] for fact in facts for lead in fact.get("leads", [])]
    assert "Nearly two-thirds" in leads
    assert "About half" in leads


def test_a_headline_word_the_article_never_uses_explains_the_sentence_it_sums_up() -> None:
    text = (
        "MERROWBY — The water utility on Thursday banned garden hoses after diesel fuel was "
        "detected in a stream feeding the city's main reservoir, officials said.\n\n"
        "The utility said supplies would last roughly nine days.\n"
    )
    meta = ArticleMeta(
        id="spill", title="Merrowby limits water use after diesel spill", date=PUBLISHED
    )
    facts = generate(parse_article(meta, text)).facts["fact"]
    assert "spill" in facts[0]["keywords"]  # the lede the headline sums up
    assert "spill" not in facts[1]["keywords"]


def test_a_short_answer_goes_with_what_it_is_of_or_for(tmp_path: Path) -> None:
    leads = _leads_given(
        tmp_path,
        "All parties have 21 days to lodge an appeal. It is offering those affected 12 months "
        "of free credit monitoring.",
        ["How long do they have to lodge an appeal?", "how long is the credit monitoring for?"],
    )
    assert leads["How long do they have to lodge an appeal?"].startswith("21 days")
    assert leads["how long is the credit monitoring for?"].startswith("12 months")


def test_a_place_is_no_alias_of_a_hospital_named_after_it() -> None:
    text = (
        "Three people were admitted to hospital in the regional capital, Ulmar, a spokeswoman "
        "for Ulmar General Hospital said.\n\n"
        "The train was travelling to a fertiliser plant near Ulmar, about 40 km to the south.\n"
    )
    names = _generated("derailment", text).lexicon["synonyms"]
    assert "ulmar" not in names.get("ulmargeneralhospital", [])


def test_a_speaker_is_named_without_the_quotation_or_what_follows_a_comma() -> None:
    text = (
        '"We let them down," Brightline\'s chief executive, Corinne Dallow, told reporters. '
        '"We have closed the route the attackers used," she said.\n\n'
        "According to the ruling, unusual betting patterns were first flagged in April.\n"
    )
    sources = {f["id"]: f["source"] for f in _generated("breach", text).facts["fact"]}
    assert not any('"' in source for source in sources.values())
    assert sources["p2-s1"] == "the ruling"


def test_every_sentence_of_a_quotation_is_its_speakers() -> None:
    text = (
        "The bank cut its rate by half a point on Thursday.\n\n"
        '"The balance of risks has shifted," Governor Ilse Varga told reporters. '
        '"Inflation is back inside our range. Waiting would have cost jobs."\n\n'
        '"This was a genuine shock. The bank gave no signal at all," said Tomas Lindqvar, '
        "an economist. Markets fell.\n\n"
        "Police said three people were arrested. "
        '"It was chaos. People were running," said a witness, Anna Berg.\n'
    )
    facts = _generated("bank", text).facts["fact"]
    sources = {f["id"]: f["source"] for f in facts}
    assert sources["p2-s2"] == sources["p2-s3"] == sources["p2-s1"]  # the governor's
    # Shown alone, each sentence reads as the quotation it is.
    answers = {f["id"]: f["answer"] for f in facts}
    assert answers["p2-s3"] == '"Waiting would have cost jobs."'
    assert answers["p3-s1"] == '"This was a genuine shock."'
    assert "Varga" in sources["p2-s3"]
    # Named where the quotation ends, in the next sentence.
    assert "Lindqvar" in sources["p3-s1"]
    assert "Lindqvar" not in sources["p3-s3"]  # "Markets fell." is the article's own
    # The witness's, not the police's of the sentence before.
    assert sources["p4-s2"] == sources["p4-s3"] != sources["p4-s1"]


def test_the_group_said_is_the_group_named_before() -> None:
    text = (
        "The Consumer Rights Alliance, a campaign group, said the response came too late.\n\n"
        "The group said it would decide on a legal claim by June 30.\n"
    )
    facts = _generated("breach", text).facts["fact"]
    assert facts[1]["source"] == "Consumer Rights Alliance"


def test_a_figure_leads_without_its_article(tmp_path: Path) -> None:
    leads = _leads_given(
        tmp_path,
        "The app kept trip records for the 24 months after each ride ended.",
        ["how long did the app keep trip records?"],
    )
    assert leads["how long did the app keep trip records?"].startswith("24 months")


def test_the_police_said_is_not_the_spokesman_named_before() -> None:
    text = (
        "Police spokesman Jonas Weber said the road was closed.\n\n"
        "The police said 3,000 drivers were diverted.\n\n"
        "Local people said the diversion added an hour.\n"
    )
    sources = [f["source"] for f in _generated("road", text).facts["fact"]]
    assert sources[1] != "Jonas Weber"
    assert sources[2] == "Local people"


def test_an_acronym_opening_a_sentence_is_no_dateline() -> None:
    text = "NATO, the US-led alliance, said it would send 3,000 troops.\n"
    first = _generated("nato", text).facts["fact"][0]
    assert first["source"] == "NATO"


def test_a_group_named_by_a_word_english_uses_keeps_that_word_as_its_name() -> None:
    text = (
        "Harvard University sued the government on Monday.\n\n"
        "Harvard said the freeze put 2,000 research jobs at risk.\n"
    )
    names = _generated("harvard", text).lexicon["synonyms"]
    assert "harvard" in names.get("harvarduniversity", [])


def test_the_headline_sums_up_the_lede_not_a_later_sentence() -> None:
    text = (
        "HALBERG — Mayor Anna Berg stepped down on Tuesday over her use of council funds.\n\n"
        "The mayor's office said the town hall would stay open as usual.\n"
    )
    meta = ArticleMeta(
        id="mayor",
        title="Mayor resigns over expenses scandal, town hall stays open",
        date=PUBLISHED,
    )
    facts = generate(parse_article(meta, text)).facts["fact"]
    assert "scandal" in facts[0]["keywords"]
    assert "scandal" not in facts[1]["keywords"]


def test_a_speakers_possessive_is_lower_case_mid_sentence() -> None:
    text = (
        "The Marrow Nurses' Federation said staff were leaving.\n\n"
        'Its general secretary said: "We are exhausted."\n'
    )
    assert _generated("nurses", text).facts["fact"][1]["source"] == "its general secretary"


def test_a_title_with_a_name_beside_it_speaks_as_the_name() -> None:
    text = (
        "The Marrow Nurses' Federation said staff were leaving.\n\n"
        'Its general secretary, Paul Anand, said: "We are exhausted."\n\n'
        "Velsky's lawyer, Johan Brekk, said his client denied any wrongdoing.\n"
    )
    facts = _generated("nurses", text).facts["fact"]
    # Whose lawyer he is says more than his name.
    assert [f["source"] for f in facts[1:]] == ["Paul Anand", "Velsky's lawyer"]


def test_a_score_is_no_part_of_a_name() -> None:
    nlp = load_pipeline()
    doc = with_trimmed_names(nlp("They beat holders Castellan United 3-2 after extra time."))
    names = [e.text for e in doc.ents if e.label_ in {"PERSON", "ORG"}]
    assert "Castellan United" in names and not any("3-2" in name for name in names)
    model = with_trimmed_names(nlp("The recall covers Glide 3 scooters sold in 11 countries."))
    assert not any(e.text == "Glide" for e in model.ents)


def test_each_figure_of_a_sentence_with_several_voices_is_given_its_own() -> None:
    text = (
        "HALBERG — Thousands marched through the city centre on Saturday against the plan.\n\n"
        "According to police estimates, about 25,000 people took part, with the organisers "
        "estimating the crowd at 40,000, while the Transport Workers' Union believes it was "
        "as high as 60,000.\n\n"
        "The council said 120 officers were on duty.\n"
    )
    facts = _generated("march", text).facts["fact"]
    voices = {lead["text"]: lead.get("voice", "") for lead in fact_of(facts, "p2-s1")["leads"]}
    assert voices["40,000"] == "the organisers"
    assert "Union" in voices["as high as 60,000"]
    # A sentence with one voice gives its figures none: its source says them.
    assert not any(lead.get("voice") for lead in fact_of(facts, "p3-s1")["leads"])


def fact_of(facts: list[dict[str, Any]], fact_id: str) -> dict[str, Any]:
    return next(f for f in facts if f["id"] == fact_id)


def test_quotation_marks_and_speakers_read_where_each_mark_stands() -> None:
    text = (
        "RIVERTON — The Riverton Hawks signed a new forward on Monday.\n\n"
        "Marcus Hale, who is 6'10\", joined from the Lakeside Owls. "
        '"He is the best player I have coached," Coach Dana Brown said. '
        "The club sold 5,000 season tickets in a day.\n\n"
        '"We were ignored for months. The mayor told us nothing. It was shameful," said Anna '
        "Berg, who led the residents' campaign.\n\n"
        '"The risks have shifted. Waiting would have cost jobs," Governor Ilse Varga told '
        "reporters.\n"
    )
    facts = _generated("hawks", text).facts["fact"]
    sources = {f["id"]: f["source"] for f in facts}
    answers = {f["id"]: f["answer"] for f in facts}
    # An inch mark opens no quotation: the ticket sales stay the article's own.
    assert "Brown" not in sources["p2-s1"]
    assert "Brown" not in sources["p2-s3"]
    # "The mayor told us nothing" is Anna Berg's quotation, and so is all of it.
    assert sources["p3-s1"] == sources["p3-s2"] == sources["p3-s3"]
    assert "mayor" not in sources["p3-s1"]
    # The closing mark goes where the quotation ends, not after the attribution.
    assert answers["p4-s2"] == '"Waiting would have cost jobs," Governor Ilse Varga told reporters.'


@pytest.mark.parametrize(
    ("sentence", "figure", "voice"),
    [
        # A deed in a "while" clause is nobody's word.
        (
            "Police said about 25,000 people took part, while Halberg Transit added 120 extra "
            "buses to cope with the crowds.",
            "120 extra buses",
            "",
        ),
        # The voice of a relative clause on the figure.
        (
            "Police said 25,000 people attended, far fewer than the 40,000 the Halberg Climate "
            "Alliance claimed.",
            "40,000",
            "the Halberg Climate Alliance",
        ),
        # Each "according to" gives its own figure.
        (
            "According to the police, 25,000 people attended, but the Halberg Climate Alliance "
            "said 40,000 came, and according to the Transport Workers' Union it was 60,000.",
            "60,000",
            "the Transport Workers' Union",
        ),
        # A relative clause on a speaker is no word of the speaker beside it.
        (
            "Mayor Petra Lindqvist said 300 homes were flooded, and the Red Cross, which sent "
            "40 volunteers, estimated the damage at 2 million euros.",
            "40 volunteers",
            "",
        ),
        # A voice too long to keep is none, and the article still builds.
        (
            "The European Federation of Public Service Unions and the International Federation "
            "of Red Cross and Red Crescent Societies said 40 people died, while the ministry "
            "said 12.",
            "40 people",
            "",
        ),
    ],
)
def test_a_figure_is_voiced_only_by_whoever_says_it(sentence: str, figure: str, voice: str) -> None:
    text = f"HALBERG — Thousands gathered in the city on Saturday.\n\n{sentence}\n"
    facts = _generated("march", text).facts["fact"]
    leads = {lead["text"]: lead.get("voice", "") for lead in fact_of(facts, "p2-s1")["leads"]}
    assert leads[figure] == voice


def test_whoever_runs_a_company_is_its_boss(tmp_path: Path) -> None:
    text = (
        "Tervana Mobility recalled 48,000 scooters on Wednesday.\n\n"
        '"We are deeply sorry for the worry this has caused," Tervana chief executive Lena Vogt '
        "told reporters.\n\n"
        "Anna Lindqvist, a rider from Velsburg, said she would ask for a refund.\n"
    )
    answers = _leads_given(
        tmp_path, text, ["what did the tervana boss say?", "who's the boss of tervana?"]
    )
    assert "deeply sorry" in answers["what did the tervana boss say?"]
    assert "Lena Vogt" in answers["who's the boss of tervana?"]


def test_she_after_a_name_is_that_person() -> None:
    text = (
        '"We are sorry," Tervana chief executive Lena Vogt told reporters.\n\n'
        "Anna Lindqvist, a rider from Velsburg, said she would ask for a refund.\n"
    )
    facts = _generated("pronoun", text).facts["fact"]
    assert "Lena Vogt" not in facts[1].get("setting", [])


def test_he_is_the_man_named_last_not_the_woman() -> None:
    text = (
        '"Estavians have voted for change," CU leader Miriam Sorel told supporters. She said '
        "she would begin coalition talks on Tuesday.\n\n"
        "Prime Minister Aurel Danek came second.\n\n"
        "Rival leader Nadia Holm said she was pleased.\n\n"
        '"The result is clear and we accept it," he said.\n'
    )
    facts = _generated("gender", text).facts["fact"]
    quote = next(f for f in facts if f["answer"].startswith('"The result is clear'))
    assert "Danek" in quote["source"]


def test_the_head_of_a_group_is_its_boss_and_unnamed_heads_are_declined(tmp_path: Path) -> None:
    text = (
        "Tervana Mobility recalled 48,000 scooters on Wednesday after a series of battery "
        "fires.\n\n"
        "The company said riders should stop using the scooters at once.\n\n"
        '"We are deeply sorry," Tervana chief executive Lena Vogt told reporters.\n\n'
        "Shares in the company fell 6 percent in early trading.\n\n"
        "The recall was ordered by the National Consumer Safety Agency (NCSA), which said it "
        "had received 31 reports of overheating.\n"
    )
    answers = _leads_given(
        tmp_path, text, ["who is the head of tervana?", "who is the head of the NCSA?"]
    )
    assert "Lena Vogt" in answers["who is the head of tervana?"]
    assert "doesn't say" in answers["who is the head of the NCSA?"]


def test_a_head_of_a_department_is_no_head_of_the_group(tmp_path: Path) -> None:
    text = (
        "Tervana Mobility recalled 48,000 scooters on Wednesday.\n\n"
        "Jonas Ek, head of communications at Tervana, said more recalls were likely.\n\n"
        "Shares in the company fell 6 percent in early trading.\n"
    )
    answers = _leads_given(tmp_path, text, ["who is the head of tervana?"])
    assert "doesn't say" in answers["who is the head of tervana?"]


@pytest.mark.parametrize(
    ("verb", "against"),
    [("approved", "22"), ("rejected", "31 votes")],
)
def test_a_vote_s_tally_tells_how_many_voted_against(
    tmp_path: Path, verb: str, against: str
) -> None:
    text = (
        f"BRENMOOR — Councillors {verb} the congestion charge by 31 votes to 22 on Tuesday.\n\n"
        "Drivers will pay 9.50 crowns a day from September.\n"
    )
    answers = _leads_given(
        tmp_path,
        text,
        ["how many councillors voted against it?", "how many councillors voted for the bus fare?"],
    )
    # The answer leads with the losing side's count when the motion passed, the winners' when
    # it was rejected.
    assert answers["how many councillors voted against it?"].startswith(against)
    assert "doesn't say" in answers["how many councillors voted for the bus fare?"]


def test_a_sentence_with_no_tally_tells_no_side(tmp_path: Path) -> None:
    text = (
        "BRENMOOR — Councillors approved the congestion charge on Tuesday after 22 "
        "speakers addressed them.\n\nDrivers will pay 9.50 crowns a day from September.\n"
    )
    answers = _leads_given(tmp_path, text, ["how many councillors voted against it?"])
    assert "doesn't say" in answers["how many councillors voted against it?"]


def test_a_quote_saying_i_believe_is_still_its_speaker_s() -> None:
    text = (
        "BRENMOOR — The council voted on Tuesday.\n\n"
        '"This is the hardest decision this council has taken, and I believe it is the right '
        'one," said Mayor Helena Vasquez-Orr, 54, who made the charge a pledge when she was '
        'elected. "Our streets were built for horses."\n'
    )
    facts = _generated("believe", text).facts["fact"]
    assert [f["source"] for f in facts[1:]] == ["Mayor Helena Vasquez-Orr"] * 2


def test_a_verb_of_saying_inside_the_quote_is_not_who_says_it() -> None:
    text = (
        "HALVERTON — Landlords condemned the new law on Thursday.\n\n"
        '"Every serious study of rent control tells the same story," said its chairman, '
        "Rupert Vance.\n\n"
        '"This was a genuine shock. The bank had given no signal at all," said Tomas '
        "Lindqvar, chief economist at Northgate Securities.\n"
    )
    facts = _generated("inside", text).facts["fact"]
    assert "Rupert Vance" in facts[1]["source"]
    assert [f["source"] for f in facts[2:]] == ["Tomas Lindqvar"] * 2


@pytest.mark.parametrize(
    ("sentence", "sides"),
    [
        # Another verb of the sentence says nothing of the tally's sides.
        (
            "Dublin city council approved the housing budget by 41 votes to 17 on Thursday, "
            "rejecting opposition calls to delay it.",
            {"41 votes": "voted for", "17": "voted against"},
        ),
        # Each tally by its own verb.
        (
            "The Senate voted 31 to 19 to reject a proposed tax on Monday, while the House "
            "approved a school lunch plan by 61 votes to 39.",
            {
                "31": "voted against",
                "19": "voted for",
                "61 votes": "voted for",
                "39": "voted against",
            },
        ),
        ("Lawmakers voted 40 to 21 against a proposal to raise the levy.", {"40": "voted against"}),
    ],
)
def test_each_tally_s_figures_count_the_side_its_own_verb_says(
    sentence: str, sides: dict[str, str]
) -> None:
    leads = _generated("tally", f"{sentence}\n").facts["fact"][0]["leads"]
    about = {lead["text"]: lead.get("about", "") for lead in leads}
    for figure, side in sides.items():
        assert about[figure].endswith(side), figure


def test_a_quotation_after_its_speaker_over_two_sentences_is_the_speaker_s() -> None:
    text = (
        "LONDON — The council met on Monday.\n\n"
        'Council leader Amira Qureshi said: "We looked at every option. The building is unsafe '
        'and the repairs would cost 4 million pounds."\n'
    )
    facts = _generated("after", text).facts["fact"]
    assert [f["source"] for f in facts[1:]] == ["Council leader Amira Qureshi"] * 2
