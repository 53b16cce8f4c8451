"""The answering stages on a folder built by `kb add`: reading a question, then checking facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answering import Engine
from knowledge.building.adding import Options, add_sources
from knowledge.checking import whole_asked
from knowledge.classifying import asks_opinion, question_kind
from knowledge.explaining import explain
from knowledge.loading import load_knowledge_base, split_sentences
from knowledge.normalizing import normalize
from knowledge.quantities import asked_units, counted_words, unit

FIXTURES = Path(__file__).parent / "fixtures"


def _built(tmp_path: Path, name: str, text: str, published: dt.date) -> Engine:
    """An engine over `text` alone, added with `kb add` as an article published that day."""
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    _, kb = add_sources(tmp_path / "kb", [str(source)], Options(date=published))
    return Engine(kb)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("kb")
    add_sources(folder, [str(FIXTURES / "flood.txt")], Options(date=dt.date(2024, 6, 5)))
    add_sources(folder, [str(FIXTURES / "launch.txt")], Options(date=dt.date(2025, 3, 12)))
    return Engine(load_knowledge_base(folder))


def test_a_question_is_read_once_into_what_later_stages_need(engine: Engine) -> None:
    query = engine.index.query("How many boats did the FRA deply in Halberg?")
    assert query.kind == "number"
    assert "floodresponseauthority" in query.tokens  # the acronym is the agency
    assert "deploy" in query.tokens  # the typo is corrected into the article's word
    assert query.counted == frozenset({"vessel"})  # boats, as general English names them
    assert not query.aliens


def test_words_the_articles_never_use_count_against_every_fact(engine: Engine) -> None:
    query = engine.index.query("how many firefighters were sent?")
    assert "firefighter" in " ".join(query.aliens)
    assert query.alien_weight > 0


@pytest.mark.parametrize(
    ("question", "fact", "blocker"),
    [
        # WordNet's opposites: the sentence says "launched".
        ("when did orbita cancel its first crewed capsule?", "launch/p1-s1", "opposite of"),
        # A year the article names elsewhere (records began in 1952), not in this sentence.
        ("how many houses did the 1952 flood in halberg damage?", "flood/p8-s1", "another time"),
        # "How far" wants a distance; the sentence gives a time (30 days).
        ("how far will the crew stay in orbit?", "launch/p3-s1", "wrong kind: no measure"),
    ],
)
def test_checks_rule_facts_out(engine: Engine, question: str, fact: str, blocker: str) -> None:
    ranked = engine.index.rank(engine.index.query(question), limit=10)
    [candidate] = [c for c in ranked if c.fact is not None and c.fact.id == fact]
    assert any(b.startswith(blocker) for b in candidate.blockers), candidate.blockers
    assert not engine.answer(question).answered


def test_the_same_questions_without_the_twist_are_answered(engine: Engine) -> None:
    assert engine.answer("when did orbita launch its first crewed capsule?").answered
    assert engine.answer("how many houses did the 2013 flood in halberg damage?").answered
    assert engine.answer("how long will the crew stay in orbit?").answered


def test_a_count_of_the_wrong_thing_is_ruled_out(engine: Engine) -> None:
    # The sentence counts experiments (45) and days (30), not boats.
    query = engine.index.query("how many boats will the crew use in orbit?")
    [candidate] = [
        c for c in engine.index.rank(query, limit=10) if c.fact and c.fact.id == "launch/p3-s1"
    ]
    assert any("no number" in b for b in candidate.blockers), candidate.blockers
    assert engine.answer("how many experiments will the crew run in orbit?").answered


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("410 kilometers", "distance"),
        ("six hours", "time"),
        ("a 41-day journey", "time"),
        ("1,150 kilograms", "mass"),
        ("12 million euros", "money"),
        ("about 4:35 a.m.", "clock"),
        ("9 p.m.", "clock"),
        ("1.25 metres", "distance"),
        ("about 3,500 residents", ""),
    ],
)
def test_what_a_figure_measures(text: str, measure: str) -> None:
    assert unit(text) == measure


def test_what_a_question_measures_and_counts() -> None:
    assert asked_units("how far is it") == frozenset({"distance"})
    assert asked_units("how old is the mayor") == frozenset({"age"})
    assert asked_units("how long is the bridge") == frozenset({"distance"})
    assert asked_units("how long is the tallis river") == frozenset({"distance"})
    # Going on to a state, it asks how long the state lasts; of anything else, either.
    assert asked_units("how long is the bridge going to be shut") == frozenset({"time"})
    assert asked_units("how long is the bridge closed for") == frozenset({"time"})
    assert asked_units("how long is the festival") == frozenset({"time", "distance"})
    assert asked_units("how big is the market in square metres") == frozenset({"area"})
    assert asked_units("how many hectares burned") == frozenset({"area"})
    # A tense or "take" makes "how long" a duration: never answered by kilometres.
    assert asked_units("how long has lindqvist been chief executive") == frozenset({"time"})
    assert asked_units("how long will the repairs take") == frozenset({"time"})
    assert asked_units("how many weeks did it last") == frozenset({"time"})
    assert counted_words("how many rescue boats were sent") == "rescue boats"
    assert counted_words("how many were injured") == ""
    assert counted_words("how many of the 46 clinics were in saltreach") == "clinics"
    assert counted_words("how many cars a day go down harbour street") == "cars"
    assert asked_units("how many cars a day go down harbour street") == frozenset()
    # The count's noun ends at its verb; "how many hectares" asks for an area.
    assert counted_words("how many people joined the picket") == "people"
    assert asked_units("how many hectares have burned") == frozenset({"area"})
    assert asked_units("how much did the repairs cost") == frozenset({"money"})
    assert asked_units("what time did it land") == frozenset({"clock"})
    assert asked_units("what time frame are we talking") == frozenset()


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("when did the trial end", "when"),
        ("so when s the vote", "when"),
        # "When" joining a clause asks nothing of its own.
        ("what did feld grab when he left", "open"),
    ],
)
def test_when_asks_unless_it_joins_a_clause(question: str, kind: str) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("whats the name of the town", "where"),
        ("what was the name of the region hit by the storm", "where"),
        ("whats the name of the town where it happened", "where"),
        # A place word before another noun names that other thing.
        ("whats the name of the town gp surgery", "name"),
        ("whats the name of the city council spokesman", "name"),
        ("whats the new primary school going to be called", "name"),
        ("whats jonas feld wife called", "name"),
        ("what is the name of the town closest to the fire", "where"),
        ("what year was the strike called", "when"),
    ],
)
def test_the_name_of_a_place_asks_where_and_of_anything_else_a_name(
    question: str, kind: str
) -> None:
    assert question_kind(question) == kind


def test_the_policy_decides_a_message_part_by_part(engine: Engine) -> None:
    verdict = engine.policy.decide("how many people died? and how far above earth is the station?")
    assert verdict.parts
    facts = [d.fact.id for d in verdict.decisions if d.fact is not None]
    assert facts == ["flood/p5-s1", "launch/p1-s1"]


def test_the_policy_declines_a_remark_and_an_opinion(engine: Engine) -> None:
    [remark] = engine.policy.decide("this server is dead today").decisions
    assert remark.best is None and not remark.ranked
    [opinion] = engine.policy.decide(
        "is it good that the state pledged 12 million euros?"
    ).decisions
    assert opinion.best is None and opinion.note.startswith("It reports what was said")


def test_a_statement_with_a_tag_is_a_question(engine: Engine) -> None:
    for message in ("it was lindqvist, wasn't it", "that was weber right"):
        [decision] = engine.policy.decide(message).decisions
        assert decision.why != "remark", message


def test_what_was_expected_is_no_answer_to_how_it_turned_out(tmp_path: Path) -> None:
    text = (
        "The council will vote on the budget on Friday, the mayor said on Monday.\n"
        "Forecasters expect 40 millimetres of rain on Saturday.\n"
    )
    engine = _built(tmp_path, "council", text, dt.date(2024, 6, 3))
    assert engine.answer("when will the council vote on the budget?").answered
    assert engine.answer("how much rain is expected on saturday?").answered
    assert not engine.answer("did the council approve the budget on friday?").answered
    assert not engine.answer("did it rain 40 millimetres on saturday in the end?").answered


def test_what_was_expected_and_happened_is_told_as_done(tmp_path: Path) -> None:
    text = (
        "The museum drew 6,240 visitors on its first day, more than twice the number officials "
        "had planned for.\n"
        "The bridge was last refurbished in 2009.\n"
    )
    engine = _built(tmp_path, "museum", text, dt.date(2024, 6, 3))
    assert engine.answer("did the museum get 6,240 visitors on its first day?").answered
    # A claim put up for checking names a wrong year: the article's year answers it.
    answer = engine.answer("the bridge was refurbished in 2019 right?")
    assert answer.answered and "2009" in answer.text


def test_a_long_word_finds_its_relative_the_article_uses(engine: Engine) -> None:
    # The flood report says "evacuate"; a reader writes "evacuation".
    query = engine.index.query("how many boats were used in the evacuation?")
    assert any("evacuat" in token for token in query.tokens)
    assert not any("evacuation" in alien for alien in query.aliens)
    # Short words keep their own meaning: "rain" is not "rains" of another stem.
    assert engine.index.reader._derived("cat") is None


def test_a_conversation_stays_on_its_article(engine: Engine) -> None:
    flood = engine.answer("how many people had to leave halberg?")
    assert flood.citations[0].article == "flood"
    injured = engine.answer("how many were injured?", previous=flood)
    assert injured.citations[0].article == "flood"
    assert injured.text.startswith("17")
    # What the flood report cannot answer, the launch report answers with confidence.
    cost = engine.answer("how much did it cost?", previous=flood)
    assert cost.citations[0].article == "launch"
    # Naming someone, or a figure, of another article moves the talk there.
    assert engine.answer("who is Hana Okafor?", previous=flood).citations[0].article == "launch"
    station = engine.answer("what is 410 kilometers above earth?", previous=flood)
    assert station.citations[0].article == "launch"


def test_a_question_two_articles_answer_goes_to_the_one_being_talked_about(
    tmp_path: Path,
) -> None:
    (tmp_path / "flood.txt").write_text(
        "HALBERG — A flood swept through Halberg on Tuesday.\n\n"
        "Two people died and 40 homes were damaged, the mayor said.\n",
        encoding="utf-8",
    )
    (tmp_path / "fire.txt").write_text(
        "KESSING — A fire destroyed a warehouse in Kessing on Monday.\n\n"
        "Five people died and 12 firefighters were hurt, the fire chief said.\n",
        encoding="utf-8",
    )
    for name in ("flood", "fire"):
        add_sources(
            tmp_path / "kb", [str(tmp_path / f"{name}.txt")], Options(date=dt.date(2024, 6, 5))
        )
    engine = Engine(load_knowledge_base(tmp_path / "kb"))
    flood = engine.answer("what happened in halberg?")
    assert flood.citations[0].article == "flood"
    assert engine.answer("how many people died?").citations[0].article == "fire"
    died = engine.answer("how many people died?", previous=flood)
    assert died.citations[0].article == "flood"
    assert died.text.startswith("Two people died")


def test_a_claim_put_up_for_checking_is_answered_with_what_the_article_says(
    tmp_path: Path,
) -> None:
    text = (
        "KARSBY — The Tallen River Bridge will remain closed to all traffic for at least four "
        "months after engineers found cracks in two of its steel bearings, officials said.\n"
        "About 38,000 vehicles cross the bridge on an average weekday.\n"
        "A ferry will run every 20 minutes between 6 a.m. and 10 p.m.\n"
        "Traders in Norrhamn said the closure would cost them customers.\n"
        "The bridge opened in 1978 and was last refurbished in 2009.\n"
        "The regional council rejected a proposal for a new bridge at Sandvik last year.\n"
    )
    engine = _built(tmp_path, "bridge", text, dt.date(2024, 6, 3))
    # The claim may name the opposite of what the article says: the answer says which holds.
    opposite = engine.answer("the sandvik bridge was approved last year wasnt it?")
    assert "rejected" in opposite.text
    claim = engine.answer("i heard the bridge will only be closed for two weeks, is that right?")
    assert claim.answered and "four months" in claim.text
    for tagged in ("the driver was a woman wasnt she", "the traders are happy arent they"):
        assert engine.index.query(tagged).claim  # put up for checking, like "..., right?"
    # Asked outright, the same words explain too little: the article does not say.
    assert not engine.answer("will the bridge be closed for two weeks only?").answered


def test_who_or_what_a_name_is_comes_from_the_sentence_introducing_it(tmp_path: Path) -> None:
    text = (
        "TELMAR — The National Reserve Bank of Marovia (NRBM) cut its main rate on Thursday.\n"
        "Finance Minister Rafael Ostrand welcomed the cut.\n"
        "The NRBM said inflation had slowed to 3.1 percent in May and would keep falling.\n"
        '"The NRBM is independent, and it reached this decision on its own," Ostrand said.\n'
        "Ostrand said the government would present a revised budget in September.\n"
        "The dral fell to a four-month low against the dollar.\n"
        "Shares of Telmar banks rose 2.1 percent in early trading.\n"
        "Unemployment stood at 7.4 percent, the highest in three years.\n"
        "Economists at Northgate Securities had expected no change.\n"
    )
    engine = _built(tmp_path, "bank", text, dt.date(2025, 6, 12))
    assert (
        "National Reserve Bank of Marovia (NRBM)" in engine.answer("what does NRBM stand for").text
    )
    assert "Finance Minister Rafael Ostrand" in engine.answer("who is ostrand?").text


def test_a_length_of_time_must_go_with_what_is_asked(tmp_path: Path) -> None:
    text = (
        "CALDERHAVEN — Dockworkers at the port walked off the job on Monday.\n"
        '"Our members kept this port running through two years of record volumes," union '
        "secretary Dana Morrow said.\n"
        "The repairs to the crane are expected to take about six weeks.\n"
        "Shipping lines said they had begun diverting vessels to Senna.\n"
    )
    engine = _built(tmp_path, "port", text, dt.date(2025, 10, 14))
    assert "six weeks" in engine.answer("how long will the repairs take?").text
    assert not engine.answer("how long has morrow been with the union?").answered


def test_which_asks_for_a_name_the_sentence_must_give(tmp_path: Path) -> None:
    text = (
        "MERROWBY — A tanker carrying diesel overturned on the hill road on Tuesday.\n"
        "The driver, a 51-year-old man, was taken to hospital on Tuesday with a broken wrist.\n"
        "A firefighter was treated at Merrowby General Hospital for heat exhaustion.\n"
        "The water authority closed the intake at Fenlow Reservoir as a precaution.\n"
    )
    engine = _built(tmp_path, "spill", text, dt.date(2025, 8, 14))
    assert not engine.answer("which hospital was the driver taken to?").answered
    assert (
        "Merrowby General Hospital" in engine.answer("which hospital treated the firefighter?").text
    )


def test_a_real_word_is_no_typo_but_another_spelling_is_the_word(tmp_path: Path) -> None:
    text = (
        "BRENNICK — Crews spent Tuesday sweeping flood debris, a thing rarely seen.\n"
        "Councillor Ruth Delacroix said the board had acted too quickly.\n"
        "The club was fined 250,000 marks.\n"
    )
    lexicon = _built(tmp_path, "town", text, dt.date(2025, 3, 12)).index.lexicon
    assert lexicon.spell("sleeping") == "sleeping"  # real English, not "sweeping" misspelt
    # An American spelling of the word is the word.
    assert lexicon.tokens(lexicon.spell("councilor")) == lexicon.tokens("councillor")
    assert lexicon.spell("swepping") == "sweeping"  # a typo still is one
    assert lexicon.spell("wats the avg wait in hrs") == "whats the average wait in hours"
    assert lexicon.spell("crews sweepin") == "crews sweeping"  # the g dropped as spoken
    assert lexicon.spell("how thin is it") == "how thin is it"  # a word of its own
    assert lexicon.spell("did they apologise") == "did they apologise"  # British, and real


@pytest.mark.parametrize(
    "question",
    [
        "what was to blame for the fire?",
        "would you let me know when the building reopens?",
        "would you happen to know what caused the fire?",
        "is the storm expected to be a strong hurricane?",
        "was this the worst flood ever recorded?",
        "which car was in the right lane?",
    ],
)
def test_a_question_about_judgements_is_no_request_for_one(question: str) -> None:
    assert not asks_opinion(normalize(question))


def test_reading_leaves_look_alikes_alone() -> None:
    from knowledge.lexicon import _spelling  # noqa: PLC0415 - one private helper checked

    assert _spelling("diner") != _spelling("dinner")
    assert _spelling("floor") != _spelling("flour")
    assert _spelling("colour") == _spelling("color")
    assert asked_units("how much time did they spend on it") == frozenset()
    sentences = split_sentences(
        "He lives at No. 10 Downing Street. Then he left.", paragraph=1, start=0
    )
    assert [s.text for s in sentences] == ["He lives at No. 10 Downing Street.", "Then he left."]


def test_a_sentence_telling_what_happened_answers_how_it_turned_out(tmp_path: Path) -> None:
    text = (
        "KARSBY — The Tallen River Bridge will remain closed for at least four months after "
        "engineers found cracks in two of its steel bearings, officials said.\n"
        "About 38,000 vehicles cross the bridge on an average weekday.\n"
        "The council will vote on a new crossing on Friday.\n"
    )
    engine = _built(tmp_path, "bridge", text, dt.date(2025, 11, 3))
    assert "cracks" in engine.answer("what did the engineers find wrong with the bridge?").text
    assert not engine.answer("did the council approve the new crossing on friday?").answered


def test_an_exact_date_needs_a_day_not_a_month(tmp_path: Path) -> None:
    text = (
        "PORT VALDORA — The museum reopened to the public on Monday after a long renovation.\n"
        "The museum closed in March 2022 after inspectors found rotten roof timbers.\n"
    )
    engine = _built(tmp_path, "museum", text, dt.date(2025, 9, 16))
    assert not engine.answer("what exact date did the museum close?").answered
    assert engine.answer("what month did the museum close?").answered
    assert engine.answer("what day did the museum reopen?").answered


def test_how_far_away_asks_for_a_distance(tmp_path: Path) -> None:
    text = (
        "ULMAR — About 640 evacuees spent Tuesday night at a sports hall in Bressen, a town "
        "18 km to the west.\n"
        "Three people were admitted to hospital in Ulmar, a spokeswoman for Ulmar General "
        "Hospital said.\n"
    )
    engine = _built(tmp_path, "derailment", text, dt.date(2025, 3, 12))
    assert engine.answer("how far away is bressen?").text.startswith("18 km")
    assert not engine.answer("who is the spokeswoman for Ulmar General Hospital?").answered


def test_a_name_asked_for_must_be_the_one_of_what_is_asked_about(tmp_path: Path) -> None:
    text = (
        "KELLIN FORD — The train driver was treated for shock, Mayor Anja Roth said.\n"
        "The Consumer Rights Alliance, a campaign group, said the response came too late.\n"
    )
    engine = _built(tmp_path, "derailment", text, dt.date(2025, 3, 12))
    assert not engine.answer("what's the name of the train driver?").answered
    assert (
        "Consumer Rights Alliance" in engine.answer("what's the name of the campaign group?").text
    )


def test_which_asks_for_a_name_of_that_kind(tmp_path: Path) -> None:
    text = (
        "KARSBY — Councillor Daniel Ferreira, who represents the Eastgate ward, voted against.\n"
        "Professor Tomas Reinholt of the University of Eastmoor led the trial.\n"
        "He said the target was far too low.\n"
        "The governing party backed the plan.\n"
    )
    engine = _built(tmp_path, "council", text, dt.date(2025, 3, 12))
    assert not engine.answer("Which party is Daniel Ferreira from?").answered
    assert "University of Eastmoor" in engine.answer("which university is reinholt from?").text


def test_a_drop_is_a_fall(tmp_path: Path) -> None:
    text = "TELMAR — Shares in Tervana fell 12.4 percent on Wednesday to close at 18.30 euros.\n"
    engine = _built(tmp_path, "shares", text, dt.date(2025, 3, 12))
    assert engine.answer("how much did the shares drop?").text.startswith("12.4 percent")


def test_how_many_people_is_a_count_of_people(tmp_path: Path) -> None:
    text = (
        "KELLIN FORD — Eleven wagons of a grain train came off the tracks on Tuesday.\n"
        "About 1,100 residents were told to leave their homes.\n"
    )
    engine = _built(tmp_path, "derailment", text, dt.date(2025, 3, 12))
    assert not engine.answer("how many people were on the grain train?").answered
    left = engine.answer("how many people were told to leave their homes?")
    assert left.text.startswith("About 1,100 residents")


def test_a_count_of_people_is_told_by_its_noun_not_its_adjectives(tmp_path: Path) -> None:
    text = (
        "ULMAR — The storm damaged 40 private homes on Tuesday.\n"
        "Firefighters rescued 12 dogs from a kennel.\n"
        "About 200 police were deployed to the town.\n"
    )
    engine = _built(tmp_path, "storm", text, dt.date(2025, 3, 12))
    assert not engine.answer("how many people did the storm damage?").answered
    assert not engine.answer("how many people did firefighters rescue from the kennel?").answered
    deployed = engine.answer("how many people were deployed to the town?")
    assert deployed.text.startswith("About 200 police")
    assert "40 private homes" in engine.answer("how many people's homes did the storm damage?").text


def test_an_exact_date_is_the_date_of_what_is_asked(tmp_path: Path) -> None:
    text = "PORT VALDORA — The museum, which closed in March 2022, reopened on Monday.\n"
    engine = _built(tmp_path, "museum", text, dt.date(2025, 9, 16))
    assert not engine.answer("what exact date did the museum close?").answered
    assert engine.answer("what day did the museum reopen?").answered


def test_a_name_asked_of_a_sentence_saying_who_is_what(tmp_path: Path) -> None:
    text = "HALBERG — The new coach is Lars Berg, the club said.\n"
    engine = _built(tmp_path, "club", text, dt.date(2025, 3, 12))
    assert engine.answer("what is the name of the new coach?").text.startswith("Lars Berg")


def test_what_happened_at_a_meeting_still_ahead_is_not_told(tmp_path: Path) -> None:
    text = (
        "TARVESH — Delegations were expected to meet again in Brannholm next Friday to discuss "
        "a second exchange.\n"
    )
    engine = _built(tmp_path, "talks", text, dt.date(2025, 3, 12))
    assert not engine.answer("what happened at the meeting in brannholm?").answered
    assert engine.answer("when will the delegations meet in brannholm?").answered


def test_a_name_typed_without_its_accents_is_the_name(tmp_path: Path) -> None:
    text = "KARSBY — Lena Vikström, 54, runs a timber yard near the bridge.\n"
    engine = _built(tmp_path, "bridge", text, dt.date(2025, 11, 5))
    assert engine.answer("how old is lena vikstrom?").text.startswith("54 years old")


def test_how_long_is_a_length_of_time_or_of_road(tmp_path: Path) -> None:
    text = (
        "CALDERMOUTH — The plan adds a 1.4-kilometre public promenade along the estuary.\n"
        "The council said the free bus service would run every 20 minutes, 1.5 kilometres "
        "from the school.\n"
    )
    engine = _built(tmp_path, "plan", text, dt.date(2025, 3, 12))
    assert engine.answer("how long will the public promenade be?").text.startswith("1.4-kilometre")
    assert not engine.answer("how long will the free bus run for?").text.startswith("1.5")


def test_how_thin_asks_for_a_measure(tmp_path: Path) -> None:
    text = "VELSBURG — The fault arose because a protective separator layer was too thin.\n"
    engine = _built(tmp_path, "recall", text, dt.date(2025, 3, 12))
    assert not engine.answer("how thin was the separator layer exactly?").answered


def test_card_numbers_are_no_count(tmp_path: Path) -> None:
    text = (
        "HALVERSTON — The company said passwords and full card numbers were not affected "
        "because they were stored in a separate system.\n"
    )
    engine = _built(tmp_path, "breach", text, dt.date(2025, 6, 11))
    assert engine.answer("did they get full card numbers?").answered


def test_who_is_asked_about_is_no_answer_to_who_else(tmp_path: Path) -> None:
    text = (
        "PORT VALDORA — Museum director Helena Marquardt said the queue reached the ferry.\n"
        'KARSBY — "We lose money every hour," said Lena Vikström, who runs a timber yard.\n'
        "The bridge will stay closed until spring.\n"
        "Drivers face a detour of 23 kilometres.\n"
    )
    engine = _built(tmp_path, "museum", text, dt.date(2025, 10, 14))
    assert not engine.answer("who was the director before Marquardt?").answered
    assert not engine.answer("what's the name of vikstrom's timber yard?").answered
    assert "Marquardt" in engine.answer("who is the museum director?").text
    assert "Vikström" in engine.answer("what is vikstrom's full name?").text


def test_a_figure_the_tagger_misses_still_answers(tmp_path: Path) -> None:
    text = (
        "CHICAGO — Northwind intends to close four plants, cutting about 900 jobs, or roughly "
        "4 percent of the combined workforce.\n"
        "In Saltreach, home to one of the trial's largest sites, participants welcomed it.\n"
        "Eleven people were treated for breathing difficulties, and three of them were admitted"
        " to hospital.\n"
    )
    engine = _built(tmp_path, "deal", text, dt.date(2024, 9, 5))
    assert engine.answer("how many jobs will be cut?").text.startswith("About 900 jobs")
    # A number word opening a sentence, which the parse reads as an adjective.
    treated = engine.answer("how many people were treated for breathing difficulties?")
    assert treated.text.startswith("Eleven people"), treated.text
    assert not engine.answer("how many participants were there in saltreach?").answered


def test_an_everyday_word_the_article_uses_counts_in_every_form(tmp_path: Path) -> None:
    text = (
        "TARVESH — Among those returned was Miran Oskelt, a 61-year-old agronomist who had "
        "been held in Veloria for nearly four years.\n"
        '"My father walked across that line on his own feet," his daughter, '
        "Lena Oskelt, told reporters.\n"
        "The handover took place at the Dornak checkpoint.\n"
    )
    engine = _built(tmp_path, "swap", text, dt.date(2025, 3, 13))
    assert engine.answer("whats oskelts daughters name").text.startswith("Lena Oskelt")


def test_a_place_the_tagger_misses_answers_which_neighbourhood(tmp_path: Path) -> None:
    text = (
        "BRENNFORD — The Tallis River burst its banks on Sunday.\n"
        "In Eastgate, water reached the first-floor windows of some terraced houses.\n"
        "About 12,000 people were forced from their homes in the worst-hit neighbourhoods.\n"
    )
    engine = _built(tmp_path, "flood", text, dt.date(2024, 10, 21))
    assert engine.answer("where did water reach the first-floor windows?").text.startswith(
        "Eastgate"
    )
    answer = engine.answer("which neighbourhood did water reach the first-floor windows in?")
    assert answer.text.startswith("Eastgate")


def test_a_time_told_from_another_event_says_when(tmp_path: Path) -> None:
    text = (
        "PORT SELBY — Castellan had taken the lead after 14 minutes through a header.\n"
        "The board expected to publish a preliminary report within 30 days.\n"
        "Within three hours of landing the spectrometer recorded a hydrogen signal.\n"
        "The lander touched down on Tuesday.\n"
    )
    engine = _built(tmp_path, "match", text, dt.date(2024, 3, 12))
    assert engine.answer("when did castellan take the lead?").text.startswith("After 14 minutes")
    assert not engine.answer("what's the exact date of the preliminary report?").answered
    assert not engine.answer("when was the landing?").text.startswith("Within")


def test_what_was_said_would_happen_has_not_happened(tmp_path: Path) -> None:
    text = (
        "MARLOWE CITY — The agency said it would publish a full breakdown of the results by "
        "age group on its website on Monday.\n"
        "The city council must still approve the sale of the Westgate site at its meeting on "
        "April 8.\n"
        "The vaccine cut hospital admissions by 71 percent.\n"
    )
    engine = _built(tmp_path, "trial", text, dt.date(2025, 3, 12))
    assert not engine.answer("what did the monday age breakdown show?").answered
    assert not engine.answer("did the city council approve the sale of the westgate site?").answered
    assert engine.answer("when will the council decide on the sale of the westgate site?").answered


def test_has_it_happened_yet_asks_how_it_turned_out(tmp_path: Path) -> None:
    text = (
        "CHICAGO — Northwind expects the merger to produce cost savings of $185 million a year "
        "by the end of the third year after the deal closes.\n"
        '"We will pay the fine in full," spokesperson Jonas Pell said.\n'
        "He said the committee would hold an emergency meeting on Monday.\n"
    )
    engine = _built(tmp_path, "deal", text, dt.date(2024, 9, 5))
    assert not engine.answer("has the deal closed yet?").answered
    assert not engine.answer("has rydo paid the fine yet").answered
    assert not engine.answer("what was decided at the emergency meeting on monday?").answered
    assert engine.answer("when will the committee hold an emergency meeting?").answered


def test_a_title_before_a_name_ends_no_question(tmp_path: Path) -> None:
    text = (
        "MARLOWE CITY — The committee is due to meet on June 10, Dr. Helena Osterby said.\n"
        "Mayor Renata Osei won the 2023 election.\n"
        "The vaccine cut admissions by 71 percent.\n"
    )
    engine = _built(tmp_path, "trial", text, dt.date(2025, 4, 17))
    assert not engine.answer("How old is Dr. Helena Osterby?").answered
    assert not engine.answer("what % of the vote did Osei get in 2023").answered


def test_what_has_happened_so_far_is_told_not_expected(tmp_path: Path) -> None:
    text = (
        "WASHINGTON — Blinken said North Korean troops have not yet engaged in combat but "
        "were expected to do so in the coming days.\n"
        "The team plans to deploy the drill on Thursday, once engineers have finished checking "
        "the solar panels.\n"
        "People worry about the military assistance Moscow may provide Pyongyang in return.\n"
    )
    engine = _built(tmp_path, "war", text, dt.date(2024, 10, 31))
    assert engine.answer("have the north korean troops engaged in combat yet?").answered
    assert not engine.answer("did the drill deploy on thursday?").answered
    asked = "moscow end up providing military assistance to pyongyang?"
    assert engine.answer(f"could {asked}").answered
    assert not engine.answer(f"did {asked}").answered


def test_a_figure_goes_with_the_name_that_did_it(tmp_path: Path) -> None:
    text = (
        "LINDEN — The Green Left (GL) took 11.3 percent and 23 seats, the nationalist Homeland "
        "Party (HP) won 9.6 percent and 19 seats, and the Liberal Forum (LF) returned to "
        "parliament with 5.9 percent and 12 seats.\n"
        "Turnout was 68 percent.\n"
        "The count ends on Friday.\n"
    )
    engine = _built(tmp_path, "vote", text, dt.date(2025, 6, 9))
    answer = engine.answer("how many seats did the Homeland Party win?")
    assert answer.text.startswith("19 seats")


def test_review_how_long_was_asks_a_time(tmp_path: Path) -> None:
    text = (
        "VELL — The strike by dock workers at the 2-kilometre-long Port of Vell ended after "
        "11 days.\n"
        "The 400-metre stretch of the A7 motorway near Halden will be closed for six weeks.\n"
        "Staff said the line at one point measured roughly 400 metres.\n"
    )
    engine = _built(tmp_path, "port", text, dt.date(2025, 3, 12))
    assert engine.answer("how long was the strike?").text.startswith("11 days")
    assert engine.answer("how long will the motorway be closed?").text.startswith("Six weeks")
    assert engine.answer("how long was the line in metres?").text.startswith("Roughly 400")


def test_review_a_shared_first_name_rules_out_no_one(tmp_path: Path) -> None:
    text = (
        "NORRVIK — Anders Berg replaced Anders Holm as chief executive of Norrvik Energy on "
        "Monday.\n"
        "Lena Oskelt's stepson, Tomas Oskelt, now runs the timber yard.\n"
        "The company employs 1,200 people.\n"
    )
    engine = _built(tmp_path, "energy", text, dt.date(2025, 3, 12))
    assert "Anders Berg" in engine.answer("who replaced Anders Holm?").text
    assert "Tomas Oskelt" in engine.answer("who is Lena Oskelt's stepson?").text


def test_review_chit_chat_stays_chit_chat(tmp_path: Path) -> None:
    text = (
        "BRENNFORD — Mayor Petra Lindqvist thanked the volunteers and asked residents to stay "
        "indoors.\n"
        "The Flood Response Authority deployed 40 boats.\n"
        "Two people died.\n"
    )
    engine = _built(tmp_path, "flood", text, dt.date(2025, 3, 12))
    assert engine.answer("How many boats were deployed, thanks").text.startswith("40 boats")


def test_review_may_have_is_a_guess_about_the_past(tmp_path: Path) -> None:
    text = (
        "VELL — Police said the suspect may have fled the country on Tuesday.\n"
        "Organisers have scheduled the march for Saturday.\n"
        "The council will vote on the flood plan on Friday.\n"
    )
    engine = _built(tmp_path, "police", text, dt.date(2025, 3, 12))
    assert "March 11" in engine.answer("when did the suspect flee?").text
    assert not engine.answer("did the march go ahead on saturday?").answered
    assert engine.answer("is there a date yet for the vote on the flood plan?").answered


def test_review_which_district_attorney_asks_for_a_person(tmp_path: Path) -> None:
    text = (
        "VELL — District Attorney Maria Holm filed the charges against the company in Kings "
        "County on Friday.\n"
        "At Easter, the cathedral in Vell was packed with 3,000 worshippers.\n"
        "Twelve of the region's 46 clinics closed during the strike.\n"
    )
    engine = _built(tmp_path, "court", text, dt.date(2025, 3, 12))
    assert not engine.answer("which district attorney filed the charges?").text.startswith("Kings")
    assert not engine.answer("where was the cathedral packed?").text.startswith("Easter")
    assert not engine.answer("what share of the clinics closed?").text.startswith("46")


def test_the_noun_counted_counts_though_it_is_an_everyday_word(tmp_path: Path) -> None:
    text = (
        "KELLIN FORD — The agency said it was monitoring air quality at 12 locations and had "
        "placed 400 metres of booms on the river.\n"
        "Harrowgate won the cup for the first time in 38 years, coming from two goals down.\n"
        "About 3,400 people were ordered from their homes.\n"
    )
    engine = _built(tmp_path, "train", text, dt.date(2025, 3, 12))
    assert engine.answer("how many air monitoring locations are there?").text.startswith("12")
    assert not engine.answer("how many times has harrowgate won the cup?").text.startswith("Two")


def test_whos_asks_who_someone_is_and_until_when_answers_how_long(tmp_path: Path) -> None:
    text = (
        "CARROW RIDGE — Its general secretary, Paul Anand, said members would finish voting on "
        "Friday.\n"
        "The Northern Valley Highway will remain closed between the Ellsby junction and the "
        "Harlan Bridge until at least Friday, the transport department said.\n"
        "Mozilla announced funding for games through its Game Creator Challenge.\n"
    )
    engine = _built(tmp_path, "fire", text, dt.date(2025, 7, 16))
    assert "Paul Anand" in engine.answer("who's paul anand").text
    assert engine.answer("how long is the highway going to be closed?").text.startswith(
        "Until at least Friday"
    )
    assert not engine.answer("who won mozilla's game creator challenge?").answered


def test_its_stands_for_the_group_named_before(tmp_path: Path) -> None:
    text = (
        "LINDEN — The Marrow Nurses' Federation (MNF) said the figures confirmed its warnings.\n"
        "Its general secretary, Paul Anand, said members would finish voting on Friday.\n"
        "The National Reserve Bank raised its policy rate to 7.5% in 2023.\n"
    )
    engine = _built(tmp_path, "nurses", text, dt.date(2025, 9, 10))
    answer = engine.answer("who is the general secretary of the nurses' federation?")
    assert answer.text.startswith("Paul Anand")


def test_a_qualifier_left_out_of_the_question_still_counts(tmp_path: Path) -> None:
    text = (
        "MOUNTAIN VIEW — As of late 2015, Firefox has approximately 10-11% of worldwide usage "
        "share of web browsers.\n"
        "Mozilla was created in 1998.\n"
        "Its headquarters are in Mountain View.\n"
    )
    engine = _built(tmp_path, "mozilla", text, dt.date(2016, 1, 5))
    assert not engine.answer(
        "As of late 2010, what share of worldwide usage did Firefox have?"
    ).answered
    assert engine.answer("lol nice. what share of worldwide usage does Firefox have?").answered


def test_a_sentence_goes_on_about_the_names_of_the_one_before(tmp_path: Path) -> None:
    text = (
        "HARROWGATE — Harrowgate won the Meridian Cup final 2-1 on Saturday.\n"
        "Thousands of supporters gathered in Keller Square to watch the final on giant screens. "
        "Police estimated the crowd at 25,000 and made three arrests.\n"
        "Norway pledged more support for Ukraine on Thursday. Denmark has already provided "
        "over 2 billion crowns in military aid to Ukraine.\n"
        "About 4,000 protesters marched through Orla Square in Halden. In Varberg, police "
        "arrested 12 people.\n"
        "The club said the team would parade the trophy on Monday.\n"
        "Coach Ana Varenne said her players had earned a rest.\n"
        "The league will publish next season's fixtures in June.\n"
    )
    engine = _built(tmp_path, "final", text, dt.date(2025, 5, 25))
    assert engine.answer("how big was the crowd in keller square?").text.startswith("25,000")
    # The second sentence's subject is a country of its own: it is not about Norway.
    assert not engine.answer("How much military aid has Norway given Ukraine?").answered
    # A sentence naming a place of its own is about that place.
    assert not engine.answer("how many people were arrested in orla square?").answered


def test_what_a_sentence_tells_only_as_expected_is_no_outcome(tmp_path: Path) -> None:
    text = (
        "MARLOWE — A new vaccine cut hospital admissions by 71 percent, a trial found.\n"
        "The company submitted an application to the Medicines Board (MB) on March 3, and the "
        "board is expected to issue a decision by the end of June.\n"
        "The bridge will remain closed for four months after engineers found cracks in its "
        "bearings.\n"
        "Her donation was due to the candidate being the ranking member of the committee.\n"
        "The CU and the Liberal Forum, which campaigned as natural partners, would together "
        "hold 83 seats.\n"
        "The driver, a 51-year-old man, was treated in hospital and released, police said.\n"
    )
    engine = _built(tmp_path, "vaccine", text, dt.date(2025, 4, 17))
    # "Charged" is news, not filler: the article never says it.
    assert not engine.answer("has the driver been charged with anything?").answered
    # The decision is expected: what the board decided is not told.
    assert not engine.answer("what did the board decide?").answered
    assert engine.answer("when did the company apply to the medicines board?").answered
    # What happened inside a sentence looking ahead, and in a clause of its own, was told.
    assert "cracks" in engine.answer("what did the engineers find?").text
    assert engine.answer("did the CU and the Liberal Forum campaign as partners?").answered
    # "Due to" the candidate is because of him, not a plan.
    assert engine.answer("did the committee's ranking member get a donation?").answered


def test_how_many_something_has_is_not_answered_by_the_ones_something_befell(
    tmp_path: Path,
) -> None:
    text = (
        "BRENNICK — The education board voted on Tuesday to close two primary schools.\n"
        "Brightline, which has about 7.5 million subscribers, will hire 400 call-centre "
        "workers.\n"
        "St Aldric General, the province's largest hospital with 1,150 beds, cancelled 300 "
        "operations.\n"
        "Primary enrolment in Brennick has fallen 18 percent since 2015, to about 21,400 "
        "pupils.\n"
    )
    engine = _built(tmp_path, "schools", text, dt.date(2025, 3, 12))
    assert not engine.answer("How many primary schools does Brennick have in total?").answered
    assert not engine.answer("how many call-centre workers does brightline have?").answered
    assert engine.answer("how many subscribers does brightline have?").text.startswith(
        "About 7.5 million"
    )
    assert engine.answer("how many beds does st aldric general have").text.startswith("1,150")
    assert engine.answer("how many primary schools will close?").text.startswith("Two")
    # A level reached is what there is now.
    answer = engine.answer("how many primary pupils does brennick have?")
    assert answer.text.startswith("About 21,400")
    # Not a question of what something has: "have" helps another verb.
    assert engine.answer("how many operations have been cancelled?").text.startswith("300")


def test_a_figure_before_is_answered_only_by_a_sentence_telling_it(tmp_path: Path) -> None:
    text = (
        "LINDEN — The nationalist Homeland Party won 19 seats in Sunday's election.\n"
        "Patients waited an average of 19 weeks for surgery, up from 16 weeks a year earlier.\n"
        "Shares in Tervana fell 12.4 percent on Wednesday to close at 18.30 euros, data from "
        "the exchange showed.\n"
        "Authorities evacuated about 3,400 people ahead of Storm Elin on Sunday.\n"
    )
    engine = _built(tmp_path, "vote", text, dt.date(2025, 6, 10))
    assert not engine.answer("how many seats did the Homeland Party have before?").answered
    assert not engine.answer("what did tervana shares close at the day before the drop?").answered
    assert "16 weeks" in engine.answer("what was the average wait the year before?").text
    assert engine.answer("how many seats did the Homeland Party win?").text.startswith("19")
    # "Before the storm" is when, not a figure as it was before.
    answer = engine.answer("how many people were evacuated before the storm?")
    assert answer.text.startswith("About 3,400")


def test_who_is_the_role_is_answered_by_the_name_given_that_title(tmp_path: Path) -> None:
    text = (
        "TELMAR — The central bank cut its main interest rate by half a point on Thursday.\n"
        "Finance Minister Rafael Ostrand welcomed the decision in a statement.\n"
        "He said the government would present a revised budget to parliament on September 16."
        ' "The National Reserve Bank is independent, and it reached this decision on its own,"'
        " he told reporters outside parliament on Thursday evening.\n"
    )
    engine = _built(tmp_path, "bank", text, dt.date(2025, 6, 12))
    assert engine.answer("Who's the finance minister?").text.startswith("Finance Minister Rafael")


def test_a_former_holder_of_a_title_is_not_who_holds_it(tmp_path: Path) -> None:
    text = (
        "TELMAR — The central bank cut its main interest rate by half a point on Thursday.\n"
        "Former finance minister Lars Brekke, now an opposition lawmaker, criticised the cut.\n"
        "Rafael Ostrand, who became finance minister in January, welcomed the decision.\n"
        "Mayor Petra Holm also welcomed it, while the city's former mayor, Ivo Sand, did not "
        "comment.\n"
    )
    engine = _built(tmp_path, "bank", text, dt.date(2025, 6, 12))
    assert "Rafael Ostrand" in engine.answer("who is the finance minister?").text
    assert not engine.answer("who is the mayor?").text.startswith("Ivo Sand")


def test_how_long_it_stays_shut_is_not_when_it_was_shut(tmp_path: Path) -> None:
    text = (
        "KARSBY — The authority shut the 640-metre bridge at 6 a.m. on Saturday after an "
        "inspection found cracks.\n"
        "The authority described the bridge closure as temporary, but said on Monday that repairs "
        "would take until at least early March.\n"
        "A ferry will run from Friday.\n"
    )
    engine = _built(tmp_path, "bridge", text, dt.date(2025, 11, 3))
    answer = engine.answer("how long is the bridge gonna be shut for")
    assert answer.text.startswith("Until at least early March")


def test_until_the_end_of_a_month_says_how_long_not_when(tmp_path: Path) -> None:
    text = (
        "KARSBY — The authority shut the Orm Bridge on Saturday after an inspection found "
        "cracks.\n"
        "The bridge will remain closed until the end of March, the authority said.\n"
        "The crew of the trawler did not return to port until Friday.\n"
    )
    engine = _built(tmp_path, "bridge", text, dt.date(2025, 1, 8))
    answer = engine.answer("how long will the bridge be closed?")
    assert answer.text.startswith("Until the end of March")
    # Asked when, an end date says only when something stopped: the sentence tells it.
    assert "until Friday" in engine.answer("when did the crew return to port?").text
    assert not engine.answer("when was the bridge closed?").text.startswith("The end of March")


def test_voting_for_is_the_opposite_of_voting_against(tmp_path: Path) -> None:
    text = (
        "CALDERMOUTH — The council approved the market plan on Wednesday.\n"
        "The four councillors who voted against the plan included Daniel Ferreira.\n"
        "The mayor said the market would reopen in 2027.\n"
    )
    engine = _built(tmp_path, "market", text, dt.date(2025, 4, 17))
    assert not engine.answer("Which councillors voted in favour?").answered
    assert "Daniel Ferreira" in engine.answer("which councillor voted against the plan?").text


# Currencies English rarely names are money too.
@pytest.mark.parametrize("currency", ["crowns", "zlotys"])
def test_a_range_of_money_is_no_count_of_people(tmp_path: Path, currency: str) -> None:
    text = (
        "BRENNFORD — At least three people were killed when the Tallis River burst its banks.\n"
        "The Association of Corland Insurers estimated that insured losses could reach 400 "
        f"million to 600 million {currency}.\n"
        "The weather service said more rain was expected on Thursday.\n"
    )
    engine = _built(tmp_path, "floods", text, dt.date(2024, 10, 21))
    assert not engine.answer("how many people were injured?").answered
    answer = engine.answer("how much could the insured losses reach?")
    assert answer.text.startswith(f"400 million to 600 million {currency}")


def test_the_first_sentence_sums_up_the_report(tmp_path: Path) -> None:
    text = (
        "KELLIN FORD, Dravenia — About 3,400 people were ordered from their homes after a "
        "freight train carrying ammonia derailed on Tuesday.\n"
        "The smaller Petrel probe lost contact about 12 kilometres above the surface.\n"
        "Mayor Ilse Brandvik said residents should not expect to return before Friday.\n"
    )
    engine = _built(tmp_path, "derailment", text, dt.date(2025, 3, 12))
    lede = "KELLIN FORD, Dravenia — About 3,400 people"
    for asked in (
        "tldr?",
        "what happened?",
        "what is this about?",
        "which country is this in",
        "whats going on",
        "what's the story",
    ):
        assert lede in engine.answer(asked).text, asked
    # Whether it happened before, or why, is no request for the gist either.
    assert not engine.answer("has this happened before?").answered
    assert not engine.answer("why did this happen?").answered
    # Asked of something in particular, "what happened" is no request for the gist.
    assert "Petrel" in engine.answer("what happened to the Petrel probe?").text


def test_how_big_is_never_a_time(tmp_path: Path) -> None:
    text = (
        "TOULOUSE — The Kestrel lander touched down on the Moon on Thursday.\n"
        "In the final 90 seconds its camera spotted a field of boulders.\n"
        "The mission cost 412 million euros.\n"
    )
    engine = _built(tmp_path, "lander", text, dt.date(2024, 3, 13))
    assert not engine.answer("how big were the boulders?").text.startswith("90 seconds")


def test_how_much_is_no_length_of_time_unless_it_asks_one(tmp_path: Path) -> None:
    # The whole report: alone, its first sentence explains too little of the question.
    root = Path(__file__).resolve().parents[2]
    report = root / "benchmarks" / "articles" / "hallam-data-centre-water-dispute.txt"
    text = report.read_text(encoding="utf-8") + "The opening was delayed by six weeks.\n"
    engine = _built(tmp_path, "drought", text, dt.date(2025, 7, 16))
    # "... to its lowest level in 14 years" says nothing of how much rain fell.
    assert not engine.answer("how much rain has hallam had this summer?").answered
    # Nor is "how much water will the closed loop system save?" by the "$45 million" it costs.
    saved = engine.answer("how much water will the closed loop system actually save?")
    assert not saved.text.startswith("$45")
    assert engine.answer("how much was the opening delayed?").text.startswith("Six weeks")
    # "50 cubic metres" is a volume, which "how far?" does not ask for.
    assert unit("50 cubic metres") == "volume"
    assert unit("200 square metres") == "area"


def test_a_figure_of_another_named_person_is_no_answer(tmp_path: Path) -> None:
    text = (
        "BRESKOVA — Election officials began a hand recount on Thursday.\n"
        "Hrdinova, 58, was declared the winner with 47,163 votes, or 50.1 percent, against "
        "46,951 for challenger Tomas Lesak.\n"
        "Mayor Pavla Hrdinova said the recount would show she had won fairly.\n"
    )
    engine = _built(tmp_path, "recount", text, dt.date(2025, 10, 16))
    assert not engine.answer("what percentage did lesak get?").answered
    assert engine.answer("what percentage did hrdinova get?").text.startswith("50.1 percent")
    assert engine.answer("how many votes did lesak get?").text.startswith("46,951")


def test_a_figure_is_only_blocked_by_a_named_owner_of_the_same_kind(tmp_path: Path) -> None:
    text = (
        "OSLO — Nordic governments met on Monday to discuss aid for the region's power grid.\n"
        "Norway pledged 2 billion crowns for repairs to power stations, Prime Minister Jonas "
        "Gahr Store said.\n"
        "Denmark said it would announce its own contribution next week.\n"
        "Mayor Tomas Lindqvist announced a rent freeze after a year of protests by tenants.\n"
        "He pledged 3 million crowns to the Dunmere Tenants Union for legal advice.\n"
        "Dunmere recorded a 13.8 percent rise in rents last year.\n"
    )
    engine = _built(tmp_path, "aid", text, dt.date(2025, 3, 3))
    assert not engine.answer("how much did Denmark pledge?").answered  # Norway's money
    assert engine.answer("how much did Norway pledge?").text.startswith("2 billion crowns")
    # "He" names no one, and the union is whom the money goes to: the figure may be his.
    assert engine.answer("how much did Lindqvist pledge?").text.startswith("3 million crowns")
    assert "13.8 percent" in engine.answer("how much did rents rise in Dunmere?").text


def test_a_figure_is_also_of_the_other_names_its_clause_involves(tmp_path: Path) -> None:
    text = (
        "HALDEN — Energy companies and governments met on Thursday to discuss the region's "
        "power grid.\n"
        "Germany pledged 500 million euros for Ukraine's air defence.\n"
        "Westmarch Energy Group will cut 450 jobs at Coastline Water after completing the "
        "takeover.\n"
        "The Brennick Housing Trust received 40 million euros from the Ministry of Finance.\n"
        "Hrdinova finished 212 votes ahead of Tomas Lesak after the recount.\n"
        "South Sudan pledged 2 billion pounds for repairs to power stations.\n"
        "Sudan said it would announce its own contribution next week.\n"
        "Westmarch Energy Group reported a net profit of 200 million euros for the first half "
        "of the year.\n"
        "Rival Coastline Water will publish its results next week.\n"
    )
    engine = _built(tmp_path, "grid", text, dt.date(2025, 7, 16))
    # Money "for Ukraine" is Germany's to give.
    assert engine.answer("how much did Germany pledge?").text.startswith("500 million euros")
    # The other side of a cut, a grant or a margin is in the figure's clause.
    assert engine.answer("how many jobs will go at Coastline Water?").text.startswith("450")
    assert engine.answer("how much did the Ministry of Finance give?").text.startswith("40")
    assert engine.answer("how many votes was Lesak behind?").text.startswith("212 votes")
    # Sudan is not South Sudan, and a company's reported profit is its own.
    assert not engine.answer("how much did Sudan pledge?").answered
    assert not engine.answer("how much profit did Coastline Water make?").answered
    assert engine.answer("how much profit did Westmarch make?").text.startswith("200 million")


def test_third_review_cases_of_figures(tmp_path: Path) -> None:
    text = (
        "DUNMERE — Officials from several countries met on Monday.\n"
        "Germany pledged 500 million euros for Ukraine on Monday.\n"
        "Germany will lend 5 billion euros to Greece under the deal, officials said.\n"
        "The ferry makes six crossings a week in winter.\n"
        "The Greens won 31 seats, ahead of the Liberals, 12, and the Centre Party, 9, the "
        "electoral commission said.\n"
        "The European Union pledged 50 million euros in food aid for Sudan on Tuesday.\n"
        "Greater Dunmere Council will spend 40 million pounds on roads next year.\n"
        "Forty guests fell ill after eating at the Harbour Hotel wedding on Saturday.\n"
        "Former mayor Helena Marsh faces up to 10 years in prison after being convicted.\n"
    )
    engine = _built(tmp_path, "review", text, dt.date(2025, 7, 16))
    # Money for Ukraine, and a loan to Greece, are Germany's to give.
    assert not engine.answer("how much did Ukraine pledge?").answered
    assert not engine.answer("how much will Greece lend?").answered
    assert engine.answer("how much will Germany lend?").text.startswith("5 billion euros")
    assert not engine.answer("how many crossings a day does the ferry make?").answered
    assert not engine.answer("how old are the Liberals?").answered  # 12 seats
    assert engine.answer("how much food aid did the EU pledge?").text.startswith("50 million")
    assert "40 million" in engine.answer("how much will Dunmere Council spend on roads?").text
    assert engine.answer("how many fell ill?").text.startswith("Forty guests")
    assert "10 years" in engine.answer("how much prison time does Marsh face?").text


def test_how_much_asks_a_time_when_it_asks_for_notice_or_a_lead(tmp_path: Path) -> None:
    text = (
        "KELLSWORTH — Residents of the Tessel valley were given two hours' notice to leave "
        "their homes, officials said.\n"
        "Students whose exams were disrupted will get 30 minutes of extra time.\n"
        "Jonas Vingegaard kept the yellow jersey with a lead of 12 seconds over Tadej Pogacar.\n"
        "The outage caused three hours of downtime at the treatment plant.\n"
    )
    engine = _built(tmp_path, "notice", text, dt.date(2025, 7, 1))
    assert "two hours" in engine.answer("how much notice did residents get?").text.lower()
    assert engine.answer("how much extra time will students get?").text.startswith("30 minutes")
    assert engine.answer("how much was Vingegaard's lead?").text.startswith("12 seconds")
    assert engine.answer("how much downtime did the outage cause?").text.startswith("Three")


def test_a_day_in_a_named_month_and_someone_before_a_named_person(tmp_path: Path) -> None:
    # The whole report: alone, the sentences explain too little of the questions.
    root = Path(__file__).resolve().parents[2]
    report = root / "benchmarks" / "articles" / "carrow-nuclear-plant-shutdown.txt"
    engine = _built(tmp_path, "plant", report.read_text(encoding="utf-8"), dt.date(2025, 10, 14))
    # "Said on Tuesday it will shut ... in March 2027" gives no day in March 2027.
    assert not engine.answer("what exact day in march 2027 will it shut down?").answered
    # Helena Marsh is named, though not her title: she is not who came before her.
    assert "Marsh" not in engine.answer("who was ceo before helena marsh?").text
    assert "Marsh" in engine.answer("who is westmarch's ceo?").text


def test_second_review_cases(tmp_path: Path) -> None:
    text = (
        "CALDERMOUTH — Parliament approved the pension reform on Wednesday by 212 votes to 88.\n"
        "The Green Party voted against the bill, while the Liberals backed it.\n"
        "The floods killed at least 14 people, police said.\n"
        "Thousands of supporters gathered in Keller Square to watch the final. Police "
        "estimated the crowd at 25,000, many of them Swedish fans, and made three arrests.\n"
        "Maja Olsen won the women's sprint on Saturday with a lead of 12 seconds.\n"
        "The central bank cut its growth forecast, and a decision on interest rates is "
        "expected in May.\n"
    )
    engine = _built(tmp_path, "review", text, dt.date(2025, 3, 8))
    assert not engine.answer("who voted for the bill?").text.startswith("Green Party")
    answer = engine.answer("how many people did police say have died?")
    assert answer.text.startswith("At least 14")
    assert "three arrests" in engine.answer("how many people were arrested in keller square?").text
    assert engine.answer("how big was olsen's lead?").text.startswith("12 seconds")
    assert not engine.answer("what did the bank decide on interest rates?").answered


def test_in_charge_of_asks_who_leads(tmp_path: Path) -> None:
    text = (
        "KESSING — A fire destroyed a warehouse on Monday.\n"
        "The investigation is being led by fire chief Anna Berg.\n"
        "No one was hurt.\n"
    )
    engine = _built(tmp_path, "fire", text, dt.date(2025, 3, 4))
    assert "Anna Berg" in engine.answer("who is in charge of the investigation?").text


def test_a_sum_answers_in_the_currency_asked_for(tmp_path: Path) -> None:
    text = (
        "TOULOUSE — The Kestrel lander touched down on the Moon on Thursday.\n"
        "The mission cost 412 million euros ($448 million), according to the alliance.\n"
        'The agency said it would keep the public posted: "Expect daily updates from us."\n'
        "The Kestrel team plans a second lander in 2027.\n"
    )
    engine = _built(tmp_path, "lander", text, dt.date(2024, 3, 13))
    assert engine.answer("how much did the mission cost in US dollars?").text.startswith(
        "$448 million"
    )
    assert engine.answer("how much did the mission cost in euros?").text.startswith(
        "412 million euros"
    )
    assert "412 million euros" in engine.answer("what currency is the mission cost in?").text
    # The article gives no sum for the second lander, in dollars or otherwise.
    assert not engine.answer("how much will the second lander cost in dollars?").answered
    # "us" is the asker, not "use"; "US" in capitals is a country the article never names.
    assert "daily updates" in engine.answer("will the agency keep us posted?").text
    assert not engine.answer("is the US part of the Kestrel team?").answered
    # Shouted, "US" is the asker again; "US Dollars" are dollars however written.
    assert engine.answer("CAN YOU TELL US HOW MUCH THE MISSION COST?").answered
    assert engine.answer("how much did the mission cost in US Dollars?").text.startswith(
        "$448 million"
    )


def test_which_group_is_answered_by_a_group_named_as_one(tmp_path: Path) -> None:
    text = (
        "HALVERSTON — Brightline Mobile said on Wednesday that hackers had stolen the data of "
        "3.2 million customers.\n"
        "The National Data Protection Authority said it had opened a formal investigation.\n"
        "Markus Halloran, an analyst at Bremerhill Securities, said the cost could reach "
        "55 million euros.\n"
        "Regional minister Jonas Feld rejected the criticism on Tuesday.\n"
        "The previous record fine, 96 million marks, was imposed on Telvik Savings Bank.\n"
        "Councillor Tom Banks called for a review.\n"
    )
    engine = _built(tmp_path, "breach", text, dt.date(2025, 6, 11))
    assert "Data Protection Authority" in engine.answer("which regulator is investigating?").text
    assert "Bremerhill Securities" in engine.answer("which firm does Halloran work for?").text
    # A sentence naming him, but no party, does not say which party he is from.
    assert not engine.answer("what party is jonas feld in?").answered
    assert not engine.answer("what party is Tom Banks in?").answered
    # The bank fined is no regulator, though a group; "which parties" asks the same way.
    assert "Telvik" not in engine.answer("which regulator imposed the record fine?").text
    assert not engine.answer("which parties does Tom Banks back?").answered


def test_ages_after_aged_and_a_loss_told_as_a_fall(tmp_path: Path) -> None:
    text = (
        "VESSBY — The National Fraud Office said two men, aged 38 and 44, and 12 other "
        "suspects had been arrested in August.\n"
        "Among voters aged 18 to 24, 45 percent backed the Green Left.\n"
        "The cheese, aged 18 months, won a prize.\n"
        "Shares in Meridian Telecom Group fell 6.4 percent, wiping about 340 million crowns "
        "off its market value, the exchange said.\n"
        "Customers lost trust after the breach.\n"
    )
    engine = _built(tmp_path, "fraud", text, dt.date(2025, 10, 7))
    assert engine.answer("how old are the arrested men?").text.startswith("38 years old")
    # The ages end at the comma; a range stays whole; "aged 18 months" is no age.
    assert engine.answer("how many other suspects were arrested?").text.startswith("12 other")
    assert engine.answer("how old were the voters?").text.startswith("18 to 24 years old")
    assert engine.answer("how long was the cheese aged?").text.startswith("18 months")
    # "Lose" and "say" are no opposites, though "forfeit" and "claim" are: a sentence saying
    # something is not ruled out for a question about a loss.
    assert "say" not in engine.index.checker.opposites.get("lose", frozenset())


def test_a_number_hyphened_to_a_noun_counts_it_or_spans_a_time(tmp_path: Path) -> None:
    text = (
        "ULMAR — The seven-member committee voted on Monday to raise rates.\n"
        "No one was killed, and the train's two-member crew escaped without serious injury.\n"
        "Dock workers began a three-day strike. The firm offered a one-time payment of 500 "
        "euros and signed a two-year deal with the union.\n"
    )
    engine = _built(tmp_path, "hyphens", text, dt.date(2025, 6, 4))
    answer = engine.answer("how many members does the committee have?")
    assert answer.text.startswith("Seven-member committee")
    assert engine.answer("how many crew were on the train?").text.startswith("Two-member crew")
    # A time so joined is how long something lasts, told as a reader says it.
    assert engine.answer("how long is the strike?").text.startswith("Three days")
    assert engine.answer("how long is the deal with the union?").text.startswith("Two years")
    # "One-time" counts nothing: the payment's figure is its sum.
    assert engine.answer("how much was the payment?").text.startswith("500 euros")


def test_a_person_is_a_person_and_a_ministry_is_no_minister(tmp_path: Path) -> None:
    text = (
        "ULMAR — The health ministry set aside 40 million crowns for new vaccines, the "
        "Ministry of Education said on Monday.\n"
        "Ines Varga-Holm, an environmental chemist at the University of Merrowby, said diesel "
        "tends to float.\n"
        "Club chairman Oskar Hallberg said the player was not for sale.\n"
    )
    engine = _built(tmp_path, "people", text, dt.date(2025, 6, 4))
    # The tagger calls her an organisation; "an environmental chemist" says she is a person.
    assert engine.answer("who is the chemist they quoted?").text.startswith("Ines Varga-Holm")
    # "Who is the minister?" asks for a person: a ministry is no answer, a titled name is.
    assert not engine.answer("who is the health minister?").answered
    assert not engine.answer("who is the education minister?").answered
    assert "Oskar Hallberg" in engine.answer("whos the chairman?").text
    # "Set aside 40 million crowns": the sum, without the verb's "aside".
    assert engine.answer("how much did the ministry set aside?").text.startswith("40 million")


def test_words_about_a_role_are_not_the_words_of_that_role(tmp_path: Path) -> None:
    text = (
        "LINDEN — Health Minister Jonas Berg said on Monday the fund would pay for 6,000 extra "
        "operations a year.\n"
        "Renata Vos, health spokeswoman for the opposition Citizens' Alliance, called for an "
        'audit. "The minister keeps promising buildings, but buildings do not operate on '
        'anyone," she told reporters.\n'
    )
    engine = _built(tmp_path, "roles", text, dt.date(2025, 6, 4))
    # Vos speaks about the minister: that is not what the minister said.
    assert "Vos" not in engine.answer("what did the minister actually say?").text
    assert "Berg said" in engine.answer("what did the minister say about operations?").text
    assert "promising buildings" in engine.answer("what did vos say about buildings").text
    lines = explain(engine, "what did the minister say?").lines()
    assert any('asks what "minister" says; this fact is from Renata Vos' in line for line in lines)


def test_a_date_answers_neither_another_year_nor_how_long(tmp_path: Path) -> None:
    text = (
        "TELMAR — The NRBM raised its policy rate to a peak of 7.5% in 2023 after inflation hit "
        "11.2% in October 2022.\n"
        "About 640 evacuees spent Tuesday night at a sports hall in Bressen.\n"
        "In a report released in November 2012, the company said its revenue for 2011 was "
        "$163 million.\n"
    )
    engine = _built(tmp_path, "years", text, dt.date(2025, 3, 12))
    assert not engine.answer("what month in 2023 did the rate hit 7.5%?").answered
    assert engine.answer("when did inflation hit 11.2%?").text.startswith("October 2022")
    # A year qualifying something else is not the year asked in.
    answer = engine.answer("when was the report on the 2011 revenue released?")
    assert answer.text.startswith("November 2012")
    # "Tuesday night" is a day, not a length of time.
    assert not engine.answer("how long did it take to evacuate everyone?").answered


def test_a_weekday_asked_is_a_weekday_given_and_a_figure_ends_at_its_noun(
    tmp_path: Path,
) -> None:
    text = (
        "CALDERMOUTH — The council voted 7-4 on Wednesday to approve the plan. The final "
        "funding vote is due on May 12.\n"
        "The fire is the largest since July 2019, when a blaze near Marlowe burned about 6,000 "
        "hectares over nine days.\n"
    )
    engine = _built(tmp_path, "weekday", text, dt.date(2025, 4, 17))
    answer = engine.answer("what day of the week did the council vote?")
    assert answer.text.startswith("Wednesday")
    assert not engine.answer("what day of the week is the funding vote?").answered
    answer = engine.answer("how big was the 2019 blaze near marlowe?")
    assert answer.text.startswith("About 6,000 hectares:")


def test_what_an_acronym_alone_is_answered_where_the_article_spells_it_out(
    tmp_path: Path,
) -> None:
    text = (
        "KARSBY — The Eastmark Regional Roads Authority (ERRA) shut the 640-metre bridge at 6 "
        "a.m. on Saturday after a routine inspection found cracks.\n"
        "About 38,000 vehicles cross the bridge on an average weekday, according to ERRA "
        "figures.\n"
        "ERRA said it would publish a detailed repair timetable on Friday.\n"
        "Traders on the far bank said their takings had halved since the weekend.\n"
        "A free ferry will run every 20 minutes until the bridge reopens.\n"
        "Commuters faced delays of up to an hour on the ring road on Monday.\n"
        "The harbour school moved its lessons online for the week.\n"
        "Nurse Elin Brandt said her commute had tripled to 45 minutes.\n"
        "The city council will debate a second crossing in June.\n"
        "Engineers said the cracks were found in two steel girders.\n"
    )
    engine = _built(tmp_path, "acronym", text, dt.date(2025, 5, 12))
    assert "Eastmark Regional Roads Authority" in engine.answer("what's ERRA").text
    assert "Eastmark Regional Roads Authority" in engine.answer("what is ERRA?").text


def test_the_name_of_a_kind_of_people_is_a_persons_name(tmp_path: Path) -> None:
    text = (
        "SORENZA — Two journalists held since March were freed in Sorenza on Wednesday, "
        "officials said.\n"
        "The Eastmark Roads Authority said contractors would be appointed by Friday, and the "
        "repairs would take six "
        "weeks.\n"
        "Flight director Jorge Albarran said the lander talks to Earth through the Albatros "
        "relay satellite.\n"
    )
    engine = _built(tmp_path, "names", text, dt.date(2025, 3, 12))
    # The town they were freed in is no journalist's name.
    assert not engine.answer("what are the names of the two journalists?").answered
    assert "Albarran" in engine.answer("what's the name of the flight director?").text


def test_a_count_put_up_for_checking_is_met_by_the_article_s_count(tmp_path: Path) -> None:
    text = (
        "CARROW RIDGE — A wildfire had burned more than 4,200 hectares by Wednesday morning, "
        "forcing about 1,850 residents from their homes, regional officials said.\n"
        "Evacuees are being housed at the sports centre and at two schools in Marlowe.\n"
        "VELSBURG — Tervana Mobility said on Wednesday it would recall about 86,000 of its "
        "Glide 3 scooters after reports of batteries overheating.\n"
        "Traders on the far bank said their takings had halved since the weekend.\n"
        "A free shuttle bus will run every 20 minutes until the road reopens.\n"
        "The harbour school moved its lessons online for the week.\n"
    )
    engine = _built(tmp_path, "checks", text, dt.date(2025, 7, 16))
    # "2000 people" counts people, though 2000 looks like a year; "forcing ... from their
    # homes" is an evacuation, though the figure splits the phrase.
    answer = engine.answer("is it true 2000 people were evacuated?")
    assert answer.text.startswith("About 1,850 residents")
    assert engine.answer("how many people were evacuated?").text.startswith("About 1,850")
    # The 3 of "Glide 3" names a model: the count checked is the 86,000.
    answer = engine.answer("is it true tervana is recalling 68,000 scooters?")
    assert answer.text.startswith("About 86,000")


def test_chit_chat_after_a_question_and_everyday_words_for_what_happened(
    tmp_path: Path,
) -> None:
    text = (
        "CALDERMOUTH — The council voted 7-4 on Wednesday to approve a plan that will demolish "
        "the 64-year-old Harbour Street Market.\n"
        "The vote came after a meeting that lasted almost six hours.\n"
        "About 3,400 people were evacuated from homes near the rail line, officials said.\n"
        "Traders on the far bank said their takings had halved since the weekend.\n"
        "A free shuttle bus will run every 20 minutes until the road reopens.\n"
        "The harbour school moved its lessons online for the week.\n"
    )
    engine = _built(tmp_path, "chat", text, dt.date(2025, 4, 17))
    answer = engine.answer("lol how long was that meeting, sounds brutal")
    assert answer.text.startswith("Almost six hours")
    # A list of words is no remark: "reckless, crazy or unworkable?" is one question.
    answer = engine.answer("was the meeting short, crazy or long?")
    assert "rest of your question" not in answer.text
    answer = engine.answer("wait how old is that market they're knocking down")
    assert answer.text.startswith("64-year-old")
    answer = engine.answer("my cousin lives near there. how many people were told to leave?")
    assert answer.text.startswith("About 3,400 people")
    assert "Harbour Street Market" in engine.answer("wait what place is this about").text


_UNRELATED = (
    "Traders on the far bank said their takings had halved since the weekend.\n"
    "A free shuttle bus will run every 20 minutes until the road reopens.\n"
    "The harbour school moved its lessons online for the week.\n"
    "Commuters faced delays of up to an hour on the ring road on Monday.\n"
    "Engineers said the cracks were found in two steel girders.\n"
    "The city council will debate a second crossing in June.\n"
)


def test_groups_and_years_are_told_apart_from_what_is_asked(tmp_path: Path) -> None:
    text = (
        "LINDEN — Health Minister Paul Banks said on Monday the fund would pay for 6,000 extra "
        "operations a year.\n"
        "The stadium's new sponsor is Meridian Bank, the club said.\n"
        "Veltra Holdings, the target of a hostile takeover bid, rejected a 2 billion euro "
        "offer.\n"
        "A law passed in 2023 took effect on January 1, 2024.\n"
        "A police spokesman told Reuters 12 people had been arrested.\n"
        "The town was hit by a 100-year flood in March, the council said.\n"
        "The drug, called Zelnorin, cut deaths by 20% in a trial of 4,000 patients.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "groups", text, dt.date(2025, 6, 4))
    # A surname that is a group word ("Banks") is a person's; a group may hold a role a
    # person may ("sponsor", "target").
    assert "Paul Banks" in engine.answer("who is the health minister?").text
    assert "Meridian Bank" in engine.answer("what is the name of the sponsor?").text
    assert "Veltra Holdings" in engine.answer("who is the target of the takeover bid?").text
    # "Said on Monday": the Monday before the article, whatever the fund would do later.
    assert "(June 2, 2025)" in engine.answer("when did banks say the fund would pay?").text
    # A year that qualifies something else is not the year asked in.
    answer = engine.answer("when did the law passed in 2023 take effect?")
    assert answer.text.startswith("January 1, 2024")
    # A name before a count is no model name; a 100-year flood lasted no 100 years.
    assert engine.answer("how many people were arrested?").text.startswith("12 people")
    assert not engine.answer("how long did the flood last?").answered
    assert "Zelnorin" in engine.answer("what is the drug called?").text


def test_a_role_speaking_of_itself_is_still_its_own_words(tmp_path: Path) -> None:
    text = (
        "KARSBY — Mayor Ivo Sand visited the damaged bridge on Monday.\n"
        '"No mayor wants to close a bridge, but safety has to come first," Sand told '
        "reporters.\n"
        "Renata Vos, a spokeswoman for the opposition, said 'the mayor has ignored warnings "
        "for years'.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "mayor", text, dt.date(2025, 6, 4))
    assert "Sand told reporters" in engine.answer("what did the mayor say about safety?").text
    assert "Sand told reporters" in engine.answer("what did the mayor say?").text


def test_a_count_of_people_is_no_count_of_what_befell_them(tmp_path: Path) -> None:
    text = (
        "CALDERHAVEN — About 2,300 dockworkers at the Port of Calderhaven walked off the job "
        "on Monday in a dispute over pay.\n"
        "Four people were treated for minor burns, the fire service said.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "strike", text, dt.date(2025, 9, 30))
    answer = engine.answer("yo how many ppl walked off the job at the port")
    assert answer.text.startswith("About 2,300 dockworkers")
    assert not engine.answer("how many dockworkers have been injured during the strike?").answered
    assert not engine.answer("how many dockworkers were arrested?").answered
    # Only a fate is read so: other verbs are often the asker's words for the sentence's.
    assert engine.answer("how many dockworkers were involved?").answered
    lines = explain(engine, "how many dockworkers were arrested?").lines()
    assert any('counts what was "arrested"' in line for line in lines), lines


def test_a_check_putting_up_its_own_figure_is_met_by_the_article_s(tmp_path: Path) -> None:
    text = (
        "LINDEN — Turnout was 68.2 percent of the country's 3.9 million registered voters, the "
        "highest since 2009, the commission said.\n"
        "The combined company would have some 21,500 employees in 11 states.\n" + _UNRELATED
    )
    text += (
        "Voters cast their ballots at 70 polling stations across the district.\n"
        "The firm opened a new factory in Harwell in March, creating 250 jobs.\n"
    )
    engine = _built(tmp_path, "turnout", text, dt.date(2024, 6, 10))
    # The figure put up may be one the article uses of something else.
    assert "68.2 percent" in engine.answer("did turnout hit 70%?").text
    # A figure far from the one put up is no check of it.
    assert not engine.answer("did turnout hit 700,000?").answered
    answer = engine.answer("is it true the combined company will have twenty thousand workers?")
    assert "21,500" in answer.text
    # A figure of the question's own is no claim to check when nothing near it is told.
    assert not engine.answer("did 70% of voters back the new mayor?").answered


def test_a_span_s_first_day_is_its_start_and_its_last_its_end(tmp_path: Path) -> None:
    text = (
        "VENNICK — The trial was run by NCHA between October 2022 and March 2024.\n"
        "Eastmark Transit said it would add a free shuttle ferry between the two banks from "
        "Friday.\n"
        "The authority said on Monday that repairs would take until at least early March.\n"
        "Six players were suspended for between 18 months and five years.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "spans", text, dt.date(2025, 5, 12))
    assert engine.answer("when did the trial start?").text.startswith("October 2022")
    assert engine.answer("when did the trial end").text.startswith("March 2024")
    assert engine.answer("when does the ferry start?").text.startswith("Friday")
    answer = engine.answer("when are the repairs expected to be finished?")
    assert answer.text.startswith("Until at least early March")
    # A span of lengths is no span of days.
    assert not engine.answer("when does the season end?").answered


def test_a_sentence_goes_on_about_the_things_of_the_one_before(tmp_path: Path) -> None:
    text = (
        "BRENNICK — The board voted on Tuesday to close two primary schools.\n"
        "The board will run a free bus service for pupils who live far away. The service is "
        "expected to cost about 420,000 euros a year.\n"
        "The council closed the old library last year. The new pool will cost 12 million "
        "euros.\n"
        "A married couple were found dead in their home. A 16-year-old boy was still missing.\n"
    )
    engine = _built(tmp_path, "schools", text, dt.date(2025, 3, 11))
    answer = engine.answer("how much is the bus going to cost?")
    assert answer.text.startswith("About 420,000 euros")
    # Only where the sentence takes up what the one before spoke of.
    assert not engine.answer("how much will the library cost?").answered
    assert not engine.answer("how old were the couple?").answered


def test_leaving_home_is_an_evacuation_and_leads_with_its_own_figure(tmp_path: Path) -> None:
    text = (
        "BRENNFORD — At least three people were killed and about 12,000 were forced from their "
        "homes when the Tallis River burst its banks on Sunday.\n"
        "The intrusion began on May 28 and went undetected for nine days.\n"
        "About 41,000 homes were without electricity on Monday morning.\n"
    )
    engine = _built(tmp_path, "floods", text, dt.date(2024, 10, 21))
    for asked in ("how many people had to leave their homes?", "how many people were displaced?"):
        assert engine.answer(asked).text.startswith("About 12,000"), asked
    assert engine.answer("how many people were killed?").text.startswith("At least three")
    assert "May 28" in engine.answer("when did the hack begin?").text
    assert engine.answer("how many homes lost power?").text.startswith("About 41,000")


def test_a_job_asked_is_who_someone_is(tmp_path: Path) -> None:
    text = (
        "TELMAR — The central bank cut its main rate by half a point on Thursday.\n"
        "Deputy Governor Henrik Saalo and external committee member Maren Okafor-Bell voted "
        "to keep the rate unchanged.\n"
        "Edgar Linnell, 67, a retired bus driver, has waited 14 months for a new hip.\n"
    )
    engine = _built(tmp_path, "bank", text, dt.date(2025, 6, 12))
    for asked in ("What is Henrik Saalo's job?", "who is Henrik Saalo?"):
        answer = engine.answer(asked)
        # The sentence introducing him, not led by the other member named beside him.
        assert answer.text.startswith("Deputy Governor Henrik Saalo"), asked
    assert "retired bus driver" in engine.answer("what did edgar do for a living?").text
    # A role in something is no job title.
    assert not engine.answer("what's the bank's role in this?").text.startswith("Deputy")


def test_second_review_of_session_17(tmp_path: Path) -> None:
    text = (
        "KESSLING — The storm left 5,000 homes without power and forced 800 people from their "
        "homes on Monday.\n"
        "Krell Transit was in breach of its contract, the council said.\n"
        "Rydo must pay the fine within 30 days, the court ruled.\n"
    )
    engine = _built(tmp_path, "storm", text, dt.date(2025, 3, 4))
    # A breach of contract is no hack.
    assert not engine.answer("Was Krell Transit hacked?").answered
    # A group's role is the part it plays, not who it is.
    assert not engine.answer("What is Rydo's role?").text.startswith("Rydo:")
    assert asked_units("how long is the bridge to be closed") == frozenset({"time"})
    assert asked_units("how many days did the 6,000 hectares burn") == frozenset({"time"})


def test_a_day_someone_agreed_to_meet_on_is_ahead(tmp_path: Path) -> None:
    text = (
        "CALDERHAVEN — Both sides agreed on Tuesday to meet OWC mediators on Friday, the first "
        "formal talks since negotiations collapsed.\n"
        "The union voted on Monday to strike.\n"
    )
    engine = _built(tmp_path, "strike", text, dt.date(2025, 10, 14))
    # Published on Tuesday, October 14: the Friday they agreed to meet on is the 17th.
    assert "Friday (October 17, 2025)" in engine.answer("when will they meet the mediators?").text
    assert "Monday (October 13, 2025)" in engine.answer("when did the union vote?").text


def test_reasons_given_while_acting_and_sizes_not_counts(tmp_path: Path) -> None:
    text = (
        "MERROWBY — The water authority urged residents not to stockpile, saying tap water "
        "remained safe.\n"
        "Captain Rafael Domingo was booked for his protests after the penalty.\n"
        "The authority will also inspect four other bridges of the same design this year.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "water", text, dt.date(2025, 8, 14))
    # What someone says while doing something is why they do it.
    answer = engine.answer("why is the authority telling people not to stockpile?")
    assert answer.answered and "tap water remained safe" in answer.text
    answer = engine.answer("why was domingo booked?")
    assert answer.answered and "protests" in answer.text
    # How big the bridge is is not how many other bridges there are.
    assert not engine.answer("how big is the bridge?").answered
    assert engine.answer("how many other bridges will be inspected?").answered


def test_which_x_is_answered_by_the_sentence_naming_the_x(tmp_path: Path) -> None:
    text = (
        "BRENNFORD — About 12,000 people were forced from their homes after the Tallis River "
        "burst its banks on Sunday.\n"
        "The Valdora Maritime Museum reopened on Monday after a three-year restoration.\n"
        "The river gauge at Halloway Bridge peaked at 7.8 metres, well above the flood level.\n"
        "Inspectors found in 2022 that the roof timbers of the museum had rotted.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "flood", text, dt.date(2024, 10, 21))
    # A river that burst its banks flooded; the sentence naming the river answers.
    assert "Tallis River" in engine.answer("which river flooded?").text
    answer = engine.answer("what's the museum called again?")
    assert answer.answered and answer.citations[0].paragraph == 2


def test_is_someone_the_role_is_answered_by_who_they_are(tmp_path: Path) -> None:
    text = (
        "TELMAR — Finance Minister Rafael Ostrand welcomed the central bank's decision on "
        "Thursday.\n"
        "Governor Ilse Varga-Denholm said the bank would act again if needed.\n"
        "Ostrand said the cut would help exporters.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "bank", text, dt.date(2025, 6, 12))
    answer = engine.answer("Is Rafael Ostrand the central bank governor?")
    assert answer.answered and "Finance Minister Rafael Ostrand" in answer.text
    # An opinion of him, or a place taken for a role, is not his introduction.
    assert not engine.answer("is ostrand a good minister?").answered
    assert not engine.answer("is Telmar the capital?").answered


def test_accidents_told_in_other_words(tmp_path: Path) -> None:
    text = (
        "MERROWBY — A tanker carrying 32,000 litres of diesel collided with a van on the B417 "
        "hill road on Tuesday evening.\n"
        "Seventeen wagons of a freight train came off the tracks near Kellin Ford on Wednesday "
        "morning.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "spill", text, dt.date(2025, 8, 14))
    assert "Tuesday" in engine.answer("when did the tanker crash?").text
    assert "Wednesday" in engine.answer("when did the train derail?").text


def test_review_of_session_19(tmp_path: Path) -> None:
    text = (
        "BRENNFORD — Health officials confirmed 312 new cases of measles on Friday.\n"
        "The health service said 40,000 vaccine doses were delivered to clinics last week.\n"
        "A further 12,000 syringes were delivered to schools.\n"
        "Trains between Tarnholm and Velby have been suspended for two weeks.\n"
        "Former mayor Arnold Visk was jailed for six years.\n"
        "The mayor spoke for an hour, saying little about the budget.\n"
        "Halden Group won the contract on Monday.\n"
        "Brenner Construction Company, which won a contract for the old ferry terminal in "
        "2019, said it would consider an appeal.\n"
        "A new 400-bed hospital will open in the town in 2027.\n"
        "The army has 30,000 troops.\n"
        "The hospital switchboard was inundated with calls from worried relatives.\n"
    )
    engine = _built(tmp_path, "review", text, dt.date(2025, 6, 4))
    # "Cases" is no mere soft "case", nor "doses" the stop word "does".
    assert "312" in engine.answer("how many cases were confirmed?").text
    assert "40,000" in engine.answer("how many doses were delivered?").text
    # A length of time or a sentence is no reason; "saying little" gives none.
    for asked in ("why were trains suspended?", "why was visk jailed?", "why did the mayor speak?"):
        assert not engine.answer(asked).answered, asked
    # The best answer stays when another sentence names a company but fits worse.
    assert engine.answer("which company won the contract on monday?").text.startswith("Halden")
    # A hospital of 400 beds and an army of 30,000 troops are sizes.
    assert "400-bed" in engine.answer("how big is the new hospital?").text
    assert "30,000" in engine.answer("how big is the army?").text
    # Inundated with calls is not flooded.
    assert not engine.answer("was the hospital flooded?").answered


def test_second_review_of_session_19(tmp_path: Path) -> None:
    text = (
        "TELMAR — Finance Minister Rafael Ostrand welcomed the central bank's decision.\n"
        "In 2019 Ostrand was the chief executive of Marovian Savings Bank.\n"
        "Telmar is the home of the central bank.\n"
        "Lena Brask said the cut would help exporters.\n"
        "Appeal judges on Monday overturned the driving ban imposed on a lorry driver.\n"
        "Plans for the new tram line went off the rails in March.\n"
        "Striker Leon Mayer was suspended for the rest of the season.\n"
        "Former mayor Arnold Visk was sentenced to six years for corruption.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "bank", text, dt.date(2025, 6, 12))
    # A sentence saying it in so many words answers; a person the article gives no title is
    # no identity to confirm; a place is no person.
    answer = engine.answer("Was Ostrand the chief executive of the bank?")
    assert answer.text.startswith("In 2019 Ostrand was the chief executive")
    assert not engine.answer("Is Brask the governor?").answered
    assert engine.answer("Is Telmar the home of the central bank?").text.startswith("Telmar is")
    # A ruling overturned and plans off the rails are no crash and no derailment.
    assert not engine.answer("when did the lorry crash?").answered
    assert not engine.answer("when did the tram derail?").answered
    # How long a ban lasts is no reason for it; a crime someone is sentenced for is.
    assert not engine.answer("why was Mayer suspended?").answered
    assert "corruption" in engine.answer("why was Visk sentenced?").text


def test_a_check_of_a_figure_is_answered_by_the_sentence_giving_it(tmp_path: Path) -> None:
    text = (
        "BRENNFORD — The Tallis River burst its banks on Sunday after two days of rain.\n"
        "The National Weather Service of Corland (NWSC) said 214 millimetres (8.4 inches) of "
        "rain fell at Brennford's airport in the 48 hours to Sunday evening, more than twice "
        "the 96 millimetres the town normally receives in the whole of October.\n"
        "Forecasters expect a further 30 to 50 millimetres of rain on Wednesday.\n"
    )
    engine = _built(tmp_path, "flood", text, dt.date(2025, 10, 20))
    question = "was it really two hundred and fourteen mm of rain?"
    answer = engine.answer(question)
    assert answer.answered
    assert [c.paragraph for c in answer.citations] == [2]
    # The ranking marks down the sentence giving another figure, so that near ties go to 214.
    verdict = engine.trace(question).verdict
    assert verdict is not None
    scores = {
        c.fact.citations[0].paragraph: (c.score, 0.6 * c.explained + 0.4 * c.similarity)
        for c in verdict.decisions[0].ranked
        if c.fact is not None
    }
    assert scores[2][0] == pytest.approx(scores[2][1])
    assert scores[3][0] < scores[3][1]


def test_the_adjective_after_how_asks_for_a_size_not_a_word_to_find(tmp_path: Path) -> None:
    text = (
        "CHICAGO — Northwind Foods agreed on Thursday to buy Halden Dairy for $2.4 billion.\n"
        "If Halden walks away in favor of a rival offer, it will owe Northwind a break-up fee "
        "of $92 million.\n"
        "Big retailers said the deal would not change prices.\n"
    )
    engine = _built(tmp_path, "deal", text, dt.date(2024, 9, 5))
    assert "$92 million" in engine.answer("how big is the break-up fee").text
    # An age or a temperature still has to be given: "how old", "how hot" are not sizes.
    assert not engine.answer("how old is the break-up fee?").answered


def test_two_sides_of_one_relation_are_no_contradiction(tmp_path: Path) -> None:
    text = (
        "BRENNICK — The education board voted on Tuesday to close two primary schools.\n"
        "A parents' group, Save Harrowfield Schools, said it would ask the courts for a review. "
        "Its lawyer, Anneliese Brandt, said the group expected to file its application before "
        "the end of March, arguing that the board had not assessed the impact on children with "
        "special educational needs.\n"
    )
    engine = _built(tmp_path, "schools", text, dt.date(2025, 3, 12))
    # "Children" is no opposite of "parents": the sentence tells who the group's lawyer is.
    assert "Brandt" in engine.answer("Who is the lawyer for the parents' group?").text


def test_a_british_article_meets_its_own_and_american_spellings(tmp_path: Path) -> None:
    text = (
        "MERROW — Doctors at Merrow General Hospital treated 14 children who had eaten chillies "
        "from a street stall at the Saturday market, the hospital said on Monday.\n"
        "Two councillors demanded an inquiry into the market.\n"
        "The stall's owner, Piet Draven, was charged with two misdemeanours and released on "
        "bail. He said he had sold 300 yoghurts at the market that day.\n"
    )
    engine = _built(tmp_path, "stall", text, dt.date(2025, 6, 9))
    for question in ("how many yoghurt did Draven sell?", "how many yogurts did Draven sell?"):
        assert "300" in engine.answer(question).text, question
    assert "two" in engine.answer("how many misdemeanors was Draven charged with?").text.lower()
    # A detail asked for in either spelling and given nowhere is declined alike.
    for question in (
        "what colour were the chillies from the street stall?",
        "what color were the chillies from the street stall?",
    ):
        assert not engine.answer(question).answered, question


def test_a_merged_company_is_the_combined_company_and_employs_its_staff(tmp_path: Path) -> None:
    text = (
        "CHICAGO — Northwind Foods agreed on Thursday to buy Halden Dairy for $2.4 billion.\n"
        "The combined company would have annual revenue of about $9.6 billion, some 21,500 "
        "employees and 34 production plants in 11 states, the companies said.\n"
        "Northwind intends to use the plants to make frozen meals.\n"
    )
    engine = _built(tmp_path, "deal", text, dt.date(2024, 9, 5))
    assert "21,500" in engine.answer("how many ppl will the merged company employ").text
    assert "11 states" in engine.answer("how many states will the merged company be in?").text


def test_a_question_naming_a_voice_gets_that_voices_figure(tmp_path: Path) -> None:
    text = (
        "HALBERG — Thousands marched through the city centre on Saturday against the plan.\n"
        "According to police estimates, about 25,000 people took part, with the organisers "
        "estimating the crowd at 40,000, while the Transport Workers' Union believes it was "
        "as high as 60,000.\n"
        "The council said 120 officers were on duty.\n"
    )
    engine = _built(tmp_path, "march", text, dt.date(2025, 5, 10))
    union = engine.answer("how big do the Transport Workers' Union think the crowd was?").text
    assert union.startswith("As high as 60,000, according to the Transport Workers' Union")
    police = engine.answer("how many people took part according to the police?").text
    assert police.startswith("About 25,000 people")


def test_a_year_in_a_check_is_a_time_and_how_small_businesses_are_small_businesses(
    tmp_path: Path,
) -> None:
    text = (
        "VESSBY — The city council approved the 2025 budget on Tuesday by 31 votes to 20.\n"
        "It raises property taxes by 4% and cuts library opening hours, and the mayor's office "
        "said it also delays repairs to three bridges and freezes hiring across most "
        "departments until the autumn.\n"
        "Low-income families will get a $50 credit to offset the tax rise.\n"
        "Small businesses said the rise would cost them customers.\n"
    )
    engine = _built(tmp_path, "budget", text, dt.date(2025, 3, 12))
    query = engine.index.query("does the 2025 budget delay bridge repairs?")
    assert not query.figures_given  # the year names the budget; no figure is put up
    small = engine.index.query("how small businesses were hit?")
    assert "small" in small.tokens
    assert "small" not in small.soft


def test_words_that_only_repeat_what_is_asked_and_news_synonyms(tmp_path: Path) -> None:
    text = (
        "CARROW — Westmarch Energy Group said on Tuesday it will shut its Carrow Point nuclear "
        "plant in March 2027.\n"
        "Marsh said roughly 450 employees would be retained for the first phase of "
        "decommissioning.\n"
        "Shares in Westmarch rose 3.4% in afternoon trading.\n"
        "Coastline Water serves about 150,000 homes in the southern coastal districts.\n"
        "The utility will run its five-year investment plan, and it will operate two new "
        "treatment works.\n"
    )
    engine = _built(tmp_path, "plant", text, dt.date(2025, 10, 14))
    index = engine.index
    # "Run" and "operate" only repeat that a length of time or a place is asked.
    ran = index.query("how many years does the investment plan run for")
    assert set(ran.soft) & set(index.lexicon.tokens("run"))
    spent = index.query("how many years will the utility spend on the investment plan?")
    assert set(spent.soft) & set(index.lexicon.tokens("spend"))
    where = index.query("where does Coastline Water operate?")
    assert set(where.soft) & set(index.lexicon.tokens("operate"))
    # Kept on workers are retained; a company's stock is its shares.
    lexicon = index.lexicon
    assert lexicon.tokens("keeping on") == lexicon.tokens("retained")
    assert lexicon.tokens("stock") == lexicon.tokens("shares")
    assert lexicon.tokens("signed off on") == lexicon.tokens("approved")
    assert lexicon.tokens("signed in") == lexicon.tokens("registered")
    assert lexicon.tokens("underway") == lexicon.tokens("started")
    assert index.query("whereabouts is the plant?").kind == index.query("where is the plant?").kind
    assert engine.answer("how many staff are they keeping on?").text.startswith("Roughly 450")
    # "How many thousand ...?" asks how many; "this time" and "up for grabs" add nothing.
    thousands = index.query("how many thousand employees were retained?")
    assert "1000" not in thousands.tokens
    assert "employee" in thousands.counted
    assert (
        index.query("how many employees were retained this time?").tokens
        == index.query("how many employees were retained?").tokens
    )


def test_what_position_does_someone_hold_is_who_they_are(tmp_path: Path) -> None:
    text = (
        "WASHINGTON — Troops have entered the region, the government said on Thursday.\n"
        "On Thursday, Secretary of State Antony Blinken, during a joint press conference in "
        "Washington, said the troops had not yet engaged in combat.\n"
        "Blinken said the allies were discussing next steps.\n"
        "Blinken mentioned that the troops had been trained in artillery and drones.\n"
        "The region has been contested since early August.\n"
        "Casualties on both sides have passed 500,000 over two years, officials estimate.\n"
        "Aid worth $59 billion has been sent so far.\n"
    )
    engine = _built(tmp_path, "troops", text, dt.date(2024, 10, 31))
    for question in (
        "What position does Antony Blinken hold?",
        "what is blinken's job?",
        "what job does blinken have",
    ):
        answer = engine.answer(question)
        assert [c.paragraph for c in answer.citations] == [2], question


def test_voices_named_by_common_nouns_and_figures_nobody_gives(tmp_path: Path) -> None:
    text = (
        "HALBERG — Thousands gathered in the city on Saturday.\n"
        "According to police, 25,000 people attended; organisers put the figure at 40,000, "
        "while the union said 60,000.\n"
        "The council said the square would reopen on Monday.\n"
    )
    engine = _built(tmp_path, "march", text, dt.date(2025, 5, 10))
    assert engine.answer("how many people attended according to the organisers?").text.startswith(
        "40,000, according to organisers"
    )
    assert engine.answer("how many attended according to police?").text.startswith(
        "25,000 people, according to police"
    )
    # The union's figure is of the crowd, not of the square.
    assert not engine.answer("what did the union say about the square?").text.startswith("60,000")


def test_a_capital_stands_for_its_country_where_the_article_names_it(tmp_path: Path) -> None:
    text = (
        "GENEVA — Russia and Ukraine agreed on Friday to a new round of talks.\n"
        "The United States has provided over $59 billion in military aid to Ukraine.\n"
        "Russia said the talks would begin in March.\n"
        "Observers said the mood at the meeting was calm.\n"
    )
    engine = _built(tmp_path, "talks", text, dt.date(2025, 2, 14))
    assert (
        "$59 billion"
        in engine.answer("how much military aid has Washington provided to Kyiv?").text
    )
    assert "March" in engine.answer("when does Moscow say the talks begin?").text
    # A capital of a country the article never names is no name of the article.
    assert not engine.answer("what did Beijing say about the talks?").answered


def test_a_capital_the_article_mentions_is_the_city(tmp_path: Path) -> None:
    text = (
        "MANCHESTER — Inflation in the United Kingdom rose in April.\n"
        "About 9 million people live in London, where rents rose 11% last year.\n"
        "Rents across the rest of the United Kingdom rose 7%.\n"
        "Police estimated the crowd at 25,000, while organisers put it at 40,000, and 1,200 "
        "police officers were on duty.\n"
    )
    engine = _built(tmp_path, "rents", text, dt.date(2025, 5, 10))
    assert engine.answer("how much did rents rise in London?").text.startswith("11%")
    # "The number of officers" asks no one's word: not the police's estimate of the crowd.
    assert "1,200" in engine.answer("what is the number of police officers on duty?").text
    assert "1,200" in engine.answer("what was the figure for police officers on duty?").text


def test_everyday_news_paraphrases_meet_the_articles_words(tmp_path: Path) -> None:
    text = (
        "HALVERSTAD — The federation banned the club's coach on Tuesday.\n"
        '"Our supporters did nothing wrong," club chairman Tobias Renwald said.\n'
        "City solicitor Andrew Kwame said the council had taken legal advice.\n"
        "The federation's integrity unit opened an inquiry that lasted nearly six months.\n"
        "The players' union is seeking a pay rise of 9 percent.\n"
        "The renovation of the stadium cost 48 million crowns; the admission fee is 16 crowns.\n"
        "The strike was called after 84 percent of members voted in favour.\n"
        "Fourteen water-bombing aircraft fought the blaze near the ground.\n"
        "The inspectorate will publish its report on Friday.\n"
        "The council will approve the sale of the Westgate site, valued at 6 million euros.\n"
    )
    engine = _built(tmp_path, "ban", text, dt.date(2025, 10, 7))
    fans = engine.answer("what did renwald say about the fans?")
    assert "supporters did nothing wrong" in fans.text
    assert "Kwame" in engine.answer("what's the city lawyer's name?").text
    assert "six months" in engine.answer("how long did the investigation last?").text
    assert not engine.answer("how long did the trial last?").answered
    assert "9 percent" in engine.answer("what is the players' union demanding?").text
    assert "48 million" in engine.answer("what did the stadium refurbishment cost?").text
    assert "16 crowns" in engine.answer("how much is a ticket?").text
    assert "84 percent" in engine.answer("what share backed the strike in the ballot?").text
    assert "Fourteen" in engine.answer("how many planes fought the blaze?").text
    assert "Friday" in engine.answer("when is the regulator's report coming out?").text
    assert "6 million" in engine.answer("how much is the westgate site worth?").text


def test_a_sentence_about_one_country_says_nothing_of_the_other(tmp_path: Path) -> None:
    text = (
        "TARVESH, Kestrania — Kestrania and Veloria exchanged 14 prisoners on Tuesday.\n"
        "Veloria released nine Kestranian citizens at the Dornak checkpoint.\n"
        "Kestrania's government said it would pay each returning detainee 5,000 crowns.\n"
        "Officials in Veloria said talks would resume next week.\n"
    )
    engine = _built(tmp_path, "swap", text, dt.date(2025, 3, 11))
    assert not engine.answer("how much will veloria pay each returning detainee?").answered
    assert "5,000" in engine.answer("how much will kestrania pay each returning detainee?").text


def test_an_object_pronoun_is_the_person_named_before(tmp_path: Path) -> None:
    text = (
        "The Velsburg city council approved a new budget on Monday.\n"
        "The budget includes 12 million euros for road repairs and 4 million for libraries.\n"
        "Council member Tomas Berg was arrested last month on suspicion of bribery.\n"
        "Police chief Anna Moreau questioned him for six hours on Friday.\n"
        "Mayor Eva Lind said she would not comment on the case.\n"
    )
    engine = _built(tmp_path, "arrest", text, dt.date(2025, 10, 1))
    assert "six hours" in engine.answer("how long was berg questioned?").text.lower()


def test_a_city_does_not_take_its_country_out_of_the_story(tmp_path: Path) -> None:
    text = (
        "BERLIN — Floods swept across southern Germany this week.\n"
        "Munich recorded 120 millimetres of rain in 24 hours.\n"
        "Berlin will provide 500 million euros for reconstruction, the government said.\n"
        "Germany last saw floods this severe in 2021.\n"
    )
    engine = _built(tmp_path, "floods", text, dt.date(2025, 10, 1))
    assert "120 millimetres" in engine.answer("how much rain did germany get in 24 hours?").text


def test_only_whoever_runs_the_company_is_its_boss(tmp_path: Path) -> None:
    text = (
        "Tervana Mobility reported a loss of 40 million euros on Thursday.\n"
        "Chief executive Lena Vogt said the company had been hit by higher battery prices.\n"
        '"We expect profits to return next year," chief financial officer Marek Holm said.\n'
        "Tervana's former director, Karl Dahl, said the losses were predictable.\n"
    )
    engine = _built(tmp_path, "loss", text, dt.date(2025, 10, 1))
    assert "Lena Vogt" in engine.answer("who is the boss of tervana?").text
    assert not engine.answer("what did the boss say about profits?").answered


def test_a_judgement_ending_in_right_is_no_question(engine: Engine) -> None:
    for message in ("lindqvist is right", "weber is so right", "i think she's right"):
        assert not engine.answer(message).answered, message


def test_ill_is_not_i_will(tmp_path: Path) -> None:
    text = '"I\'ll be back next season," striker Jonas Berg said after the match.\n'
    engine = _built(tmp_path, "back", text, dt.date(2025, 10, 1))
    assert not engine.answer("was berg ill?").answered


def test_words_of_two_meanings_stay_apart(tmp_path: Path) -> None:
    text = (
        "Halvorsen Foods fired its chief executive, Per Dahl, on Monday.\n"
        "A missile strike hit an apartment block in Kharkiv on Tuesday, killing four people.\n"
        "Power was restored to 20,000 homes on Wednesday.\n"
        "Three cars of the freight train left the track near Ulmar.\n"
        "In a rare admission, chairman Ola Berg said the upgrade had cost 12 million euros.\n"
    )
    engine = _built(tmp_path, "senses", text, dt.date(2025, 10, 2))
    for asked in (
        "how many people died in the blaze?",
        "when did the walkout happen?",
        "when were the homes renovated?",
        "how many vehicles were involved?",
        "how much do tickets cost?",
    ):
        assert not engine.answer(asked).answered, asked


def test_how_long_something_lasts_asks_only_for_a_duration(tmp_path: Path) -> None:
    text = (
        "BRENMOOR — A single bus fare will be cut from 3.20 crowns to 2 crowns for the first 12 "
        "months of the scheme.\n"
        "The council said the charge would be reviewed after its first year.\n"
        # "lasted": the article's word too, which the question's "last" need not match.
        "A public consultation on the scheme lasted six weeks.\n"
    )
    engine = _built(tmp_path, "fare", text, dt.date(2025, 3, 18))
    assert "12 months" in engine.answer("how long will the fare cut last?").text
    assert not engine.answer("how long will the charge last?").answered


def test_these_days_is_now_and_last_year_is_another_time(tmp_path: Path) -> None:
    text = (
        "Priya Dunmore, now a postdoctoral researcher at another institution, raised the "
        "concern in 2023.\n"
        "Rents in Halverton rose 11.2 percent in the year to September.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "days", text, dt.date(2025, 3, 14))
    assert "postdoctoral" in engine.answer("what's dunmore doing these days?").text
    assert not engine.answer("how much did rents rise in halverton last year?").answered


def test_the_steepest_rise_and_fines_of_up_to_are_the_highest(tmp_path: Path) -> None:
    text = (
        "HALVERTON — In the port town of Saltreach, rents climbed 13.8 percent, the steepest "
        "rise in the region.\n"
        "Landlords who breach the cap face fines of up to 25,000 crowns per tenancy.\n"
        "Dozens of tenants turned up to protest outside the parliament.\n"
    )
    engine = _built(tmp_path, "steep", text, dt.date(2025, 10, 16))
    assert "Saltreach" in engine.answer("which town had the biggest rent rise?").text
    assert "25,000" in engine.answer("what's the maximum fine for landlords?").text
    assert not engine.answer("what was the highest number of protesters?").answered


def test_a_title_asked_of_one_group_is_not_another_group_s(tmp_path: Path) -> None:
    text = (
        "HALLAM — Residents and the Hallam Valley Water Authority (HVWA) accused Corvane "
        "Systems of using "
        "twice the water it had agreed to.\n"
        '"We signed a contract in good faith," HVWA chief executive Tomas Reyland said.\n'
        "Corvane said it would publish its own figures from August.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "titles", text, dt.date(2025, 7, 16))
    assert "Reyland" in engine.answer("who is the HVWA's ceo?").text
    assert not engine.answer("who is corvane's ceo?").answered


def test_faked_is_fabricated_and_a_rule_kicks_in_when_it_starts(tmp_path: Path) -> None:
    text = (
        "WEXCOMBE — Professor Alaric Penhallow fabricated data in at least 17 published "
        "studies, an inquiry found.\n"
        "The new reporting rules take effect on January 1, 2026.\n"
        "The two countries forged an alliance in 1998.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "faked", text, dt.date(2025, 3, 14))
    assert "17" in engine.answer("how many studies did the prof fake?").text
    assert "January 1" in engine.answer("when do the new reporting rules kick in?").text
    assert not engine.answer("when did the two countries fake an alliance?").answered


@pytest.mark.parametrize(
    "text",
    [
        "KELLIN FORD, Dravenia (SWS) — About 3,400 people were ordered from their homes.\n",
        "VARNHOLM — Kaldoria's Supreme Administrative Court upheld the fine on Tuesday.\n",
        "OSLO — Norway's largest bank cut 300 jobs on Tuesday.\n",
    ],
)
def test_what_country_is_answered_where_the_article_names_one(tmp_path: Path, text: str) -> None:
    engine = _built(tmp_path, "country", text + _UNRELATED, dt.date(2025, 3, 12))
    answer = engine.answer("what country is this in?")
    assert answer.answered
    assert answer.citations[0].paragraph == 1


def test_what_country_is_declined_where_the_article_names_none(tmp_path: Path) -> None:
    text = (
        "HALLAM, Jul 16 (Synthetic Wire) - Residents of Hallam accused Corvane Systems of "
        "doubling its water use.\n"
        "The regional parliament of Dunmere passed a rent cap, the first in the country.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "nowhere", text, dt.date(2025, 7, 16))
    for asked in ("what country is hallam in?", "which country is this in?"):
        assert not engine.answer(asked).answered, asked
    assert "Corvane" in engine.answer("who did the residents of hallam accuse?").text


def test_an_age_answers_only_for_whom_it_goes_with(tmp_path: Path) -> None:
    text = (
        "TALVIK — Hospital spokesman Aurel Dancu said volunteer rescuer Tobias Lindqvar, 52, "
        "had found the guide under a boulder.\n"
        "Among the first visitors was 91-year-old Tomas Reinholt, a retired net-maker.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "ages", text, dt.date(2025, 3, 4))
    assert not engine.answer("how old is aurel dancu?").answered
    assert "52" in engine.answer("how old is tobias lindqvar?").text
    assert "91" in engine.answer("how old is Reinholt?").text


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "SANTIAGO — Output at the Pampa Norte mine in Chile fell 12 percent in May.\n",
            "what country is pampa norte in?",
        ),
        (
            "HOUSTON — The Hillside project, located in the United States, will cost $2 billion.\n",
            "what country is the hillside project in?",
        ),
        (
            "VELSBURG, Marovia, Jan 9 (SWS) - Floods closed 40 roads on Thursday.\n",
            "what country is velsburg in?",
        ),
    ],
)
def test_a_country_named_by_name_or_dateline_answers_what_country(
    tmp_path: Path, text: str, asked: str
) -> None:
    engine = _built(tmp_path, "named", text + _UNRELATED, dt.date(2025, 6, 3))
    assert engine.answer(asked).answered, asked


def test_the_head_of_a_group_named_so_is_its_boss(tmp_path: Path) -> None:
    text = (
        "NAIROBI — Floods displaced 40,000 people in western Kenya on Sunday.\n"
        "Peter Kamau, head of the Kenya Red Cross, said 12 shelters had opened.\n"
        "Jonas Ek, head of communications at the ministry, said roads were closed.\n"
        "Morel's coach, Patrick Roux, 61, said the team would not travel.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "heads", text, dt.date(2025, 6, 3))
    assert "Kamau" in engine.answer("who is the head of the kenya red cross?").text
    assert not engine.answer("who is the head of the ministry?").answered
    assert "61" in engine.answer("how old is Morel's coach?").text


def test_a_part_of_a_figure_is_only_a_figure_given_as_a_part(tmp_path: Path) -> None:
    text = (
        "LUND, Mar 4 (SWS) - A measles outbreak that began at a single primary school has spread"
        " to five schools, health officials said on Friday.\n"
        "Under an exclusion order that took effect on Wednesday, 312 pupils without documented"
        " proof of two MMR doses have been barred from classes at the five schools.\n"
        "Staff members who cannot show immunity have also been told to stay away, affecting 18"
        " teachers and support workers.\n"
        "The city council is due to vote on Tuesday on a 1.6 million dollar emergency package"
        " that would fund extra nurses, evening clinics and a text-message reminder system.\n"
        "The union said at least 19 of the 48 school nurse positions are currently filled.\n"
    )
    engine = _built(tmp_path, "parts", text, dt.date(2025, 3, 4))
    # The figure itself, or another one beside it, is no part of it.
    assert not engine.answer(
        "how many of the 312 excluded pupils have been vaccinated since?"
    ).answered
    assert not engine.answer(
        "how much of the 1.6 million goes to the text reminder system"
    ).answered
    # A message asking a part of a figure asks each of its questions of that figure.
    both = "of the 18 staff how many are teachers and how many are support workers"
    assert not engine.answer(both).answered
    filled = engine.answer("how many of the 48 nurse positions are filled?")
    assert filled.answered
    assert "19" in filled.text


def test_what_something_is_called_needs_its_name(tmp_path: Path) -> None:
    text = (
        "LUND, Mar 4 (SWS) - The council approved 1,240 homes on former farmland on Tuesday.\n"
        "Opponents, led by the Hollins Vale Action Group (HVAG), had argued that the site floods"
        " regularly and that the town's only GP surgery is already full.\n"
        "Jonas Feld, a 44-year-old baker, said he left with his wife and two children.\n"
        "The developer will pay 9.2 million pounds for a new primary school on the site.\n"
        "A spokesman for the city council said the vote was final.\n"
    )
    engine = _built(tmp_path, "named", text, dt.date(2025, 3, 4))
    for unnamed in (
        "What's the name of the town's GP surgery?",
        "what's Jonas Feld's wife called?",
        "What's the new primary school going to be called?",
        "whats the name of the city council spokesman",
    ):
        assert not engine.answer(unnamed).answered, unnamed
    # A name written as one word of the fact base still goes with its own words.
    assert "Hollins Vale" in engine.answer("what's the name of the action group?").text


@pytest.mark.parametrize(
    ("question", "whole"),
    [
        ("how many of the 312 excluded pupils have been vaccinated since?", 312),
        ("how much did the software cost out of the 4.2 million?", 4_200_000),
        ("of the 41,000, how many are retirees?", 41_000),
        ("how many tonnes of the 41 were food?", 41),
        ("how many of the union's 41,000 members voted?", 41_000),
        # No whole: an age, a date, a scale, a year, a place left, a share.
        ("how many children under the age of 5 are in hospital?", None),
        ("how many cases had been confirmed as of 3 March?", None),
        ("how many points out of 100 did the school score?", None),
        ("how much of the 2024 budget went on roads?", None),
        ("how many residents moved out of the 12 tower blocks?", None),
        ("how much of the 3.5 percent pay rise is backdated?", None),
    ],
)
def test_a_question_asks_for_a_part_of_a_figure_only_with_a_determiner(
    question: str, whole: float | None
) -> None:
    assert whole_asked(normalize(question)) == whole


def test_a_part_is_given_as_one_or_beside_its_whole(tmp_path: Path) -> None:
    text = (
        "LUND, Mar 4 (SWS) - The club has 48 players, and 19 players are from abroad.\n"
        "About 60 percent of the 48 school nurse positions are filled, the union said.\n"
        "The Lund Academy has 1,400 pupils, including 40 at its Marrow Hill annex.\n"
        "The city council will vote on Tuesday on the emergency package.\n"
        "The plant will close, cutting 900 jobs, or roughly 4 percent of its workforce.\n"
    )
    engine = _built(tmp_path, "beside", text, dt.date(2025, 3, 4))
    assert "19 players" in engine.answer("how many of the 48 players are from abroad?").text
    assert "60 percent" in engine.answer("how many of the 48 nurse positions are filled?").text
    # "40" is a word of its own, not the end of "1400".
    assert "40" in engine.answer("how many of the 1400 pupils are at the Marrow Hill annex?").text
    # A share of something else is no part of the figure asked about.
    assert not engine.answer("how many of the 900 jobs are at the plant?").answered
    # The other question of the message is still answered.
    both = engine.answer(
        "how many of the 48 nurse positions are filled and when does the council vote?"
    )
    assert "Tuesday" in both.text


def test_only_a_name_given_to_a_thing_answers_what_it_is_called(tmp_path: Path) -> None:
    text = (
        "LUND, Mar 4 (SWS) - The drug, called Zelnorin, cut deaths by 20% in a trial.\n"
        "The new stadium will host the 2026 World Cup final.\n"
        "The head teacher of Greve Primary School said the school would reopen on Monday.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "things", text, dt.date(2025, 3, 4))
    assert engine.answer("what is the drug called?").text.startswith("Zelnorin")
    assert "2026" not in engine.answer("what is the new stadium called?").text
    assert engine.answer("what is the name of the school?").text.startswith("Greve Primary School")


def test_a_datelines_date_is_no_answer(tmp_path: Path) -> None:
    text = (
        "HARTWELL, Mar 14 (Synthetic Wire) - The Hartwell Municipal Employees' Pension Fund said"
        " on Friday it would write off 214 million euros.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "dateline", text, dt.date(2025, 3, 14))
    answer = engine.answer("who is writing off 214 million euros?")
    assert answer.text.startswith("Pension Fund"), answer.text


def test_a_purpose_or_a_ground_is_a_reason(tmp_path: Path) -> None:
    text = (
        "LUND, Mar 4 (SWS) - Kelby Valley Water says it needs the extra money to fund a"
        " five-year investment programme worth 1.9 billion crowns.\n"
        "The Farmers' Party, with 4.7 percent, narrowly missed the 5 percent threshold needed to"
        " win seats.\n"
        "The town council approved the project by a 7-2 vote in November 2022, partly on the"
        " strength of an expected 4.8 million dollars a year in business taxes.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "reasons", text, dt.date(2025, 3, 4))
    assert engine.answer("why does kelby valley water need the extra money?").answered
    assert engine.answer("why did the council approve the project?").answered
    # What happened, without why, is no reason.
    assert not engine.answer("why did the farmers party miss the threshold?").answered


def test_what_came_of_something_is_no_reason_for_it(tmp_path: Path) -> None:
    text = (
        "VARNO, Mar 4 (SWS) - Shares in Kessler Motors fell 8 percent to close at 41 crowns on"
        " Monday.\n"
        "The Sentinels came from behind to win the final 3-2.\n"
        "The mayor returned to the council in 2019, only to resign a year later.\n"
        "The bus, driven by a 54-year-old man, crashed into a wall.\n"
        "The lorry that crashed on the bypass was driven by a 19-year-old student.\n"
        "The Orvik index gained 1.2 percent to stand at 7,400 points on Monday.\n"
        "Crews worked through the night to restore power to the harbour.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "outcomes", text, dt.date(2025, 3, 4))
    assert not engine.answer("Why did shares in Kessler Motors fall?").answered
    assert not engine.answer("Why did the Sentinels win the final?").answered
    assert not engine.answer("Why did the mayor resign?").answered
    assert not engine.answer("Why did the bus crash?").answered
    assert not engine.answer("Why did the lorry crash on the bypass?").answered
    assert not engine.answer("Why did the Orvik index gain?").answered
    assert engine.answer("why did the crews work through the night?").answered


def test_a_weekday_checked_needs_a_sentence_giving_one(tmp_path: Path) -> None:
    text = (
        "CALDERMOUTH — The Caldermouth City Council voted 7-4 on Wednesday to approve a $310"
        " million redevelopment of the city's waterfront that will demolish the 64-year-old"
        " Harbour Street Market, ending a two-year fight that has pitted traders and heritage"
        " groups against the mayor.\n"
        "The vote came after a heated consultation in which the city received more than 6,800"
        " written submissions in February.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "weekday", text, dt.date(2025, 4, 17))
    answer = engine.answer("did the council vote on a tuesday?")
    assert "Wednesday" in answer.text, answer.text


def test_a_role_held_in_another_group_is_no_answer(tmp_path: Path) -> None:
    text = (
        "KORVATH, Oct 12 (SWS) - The Ironvale Sentinels won the Meridian Cup final on Saturday,"
        " beating Red Tidewater 3-2.\n"
        "It was the first world title for the Sentinels, founded in 2019.\n"
        '"We lost that fight five against four," Red Tidewater head coach Ysolde Marrin told'
        " reporters after the match.\n"
        '"We are being told it is our cable, but nobody has shown us any evidence."\n' + _UNRELATED
    )
    engine = _built(tmp_path, "coach", text, dt.date(2025, 10, 12))
    assert "Marrin" in engine.answer("who is red tidewater's head coach?").text
    assert not engine.answer("who is the sentinels' head coach?").answered


def test_only_a_dateline_opens_with_a_place_and_a_dash(tmp_path: Path) -> None:
    text = (
        "PORT HARTWELL, Mar 14, 2025 (Synthetic Wire) - The Hartwell Municipal Employees'"
        " Pension Fund said on Friday it would write off 214 million euros.\n"
        "A spokesman for Acme Holdings - speaking on condition of anonymity - said the firm"
        " would close its Leeds depot.\n"
        "UK retail sales rose 2 percent in May - the fastest pace in a year - according to"
        " official data.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "datelines", text, dt.date(2025, 3, 14))
    assert engine.answer("who is writing off 214 million euros?").text.startswith("Pension Fund")
    # A dash inside an ordinary sentence makes no dateline of what comes before it.
    assert engine.answer("who would close its leeds depot?").text.startswith("Acme Holdings")
    assert engine.answer("how much did uk retail sales rise?").text.startswith("2 percent")


def test_money_wanted_for_something_is_a_reason_and_a_decision_to_pay_none(
    tmp_path: Path,
) -> None:
    text = (
        "KESTWICK, Mar 4 (SWS) - The town council voted on Tuesday to fund a new public library"
        " in the old post office.\n"
        "The regional government refused to fund the Kestwick bypass.\n"
        "Kelby Valley Water says it needs the extra money to fund a new treatment works.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "funding", text, dt.date(2025, 3, 4))
    assert engine.answer("why does kelby valley water need the extra money?").answered
    assert not engine.answer("why did the council vote to fund a new library?").answered
    assert not engine.answer("why did the regional government refuse to fund the bypass?").answered


def test_what_something_gathered_is_what_it_has_but_a_turnout_is_not(tmp_path: Path) -> None:
    text = (
        "KESTWICK, Mar 4 (SWS) - A public meeting on the planned Kestwick bypass drew about 300"
        " residents on Monday evening.\n"
        "By Thursday the campaign's petition had gathered more than 52,000 signatures.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "gathered", text, dt.date(2025, 3, 4))
    assert "52,000" in engine.answer("how many signatures does the petition have?").text
    assert not engine.answer("how many residents does kestwick have?").answered


def test_a_weekday_checked_is_settled_by_a_date(tmp_path: Path) -> None:
    text = (
        "CALDERMOUTH — The city council voted 7-4 on March 12 to approve the redevelopment of"
        " the waterfront.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "dated", text, dt.date(2025, 3, 19))
    assert "March 12" in engine.answer("did the council vote on a wednesday?").text


def test_a_figure_with_a_thousands_comma_is_no_year(tmp_path: Path) -> None:
    text = "LONDON (Reuters) - Tesco said on Tuesday it would cut 1,700 jobs.\n" + _UNRELATED
    engine = _built(tmp_path, "comma", text, dt.date(2025, 3, 4))
    assert engine.answer("how many jobs will be cut?").text.startswith("1,700 jobs")


def test_a_number_given_to_a_thing_by_name_is_no_count(tmp_path: Path) -> None:
    text = (
        "CARROW, Oct 14 (SWS) - Engineers found cracking in steam generator tubing on Unit 2"
        " during a scheduled outage in June.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "unit", text, dt.date(2025, 10, 14))
    assert not engine.answer("how many tubes were found cracked?").answered
    assert not engine.answer("how many units had cracking?").answered


def test_a_count_asked_in_another_form_of_its_noun_is_met(tmp_path: Path) -> None:
    text = (
        "EASTMERE, Oct 15 (SWS) - The developer will pay 9.2 million pounds for a new 420-place"
        " primary school on the site.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "places", text, dt.date(2025, 10, 15))
    assert "420" in engine.answer("how many places will the new school have?").text


def test_a_group_the_tagger_once_takes_for_a_person_gives_no_common_word_alias(
    tmp_path: Path,
) -> None:
    text = (
        "EASTMERE, Oct 15 (SWS) - The development, proposed by Larkfield Homes, covers 68"
        " hectares north of the town. Under the approved plan, 30 percent of the homes, or 372"
        " properties, will be classed as affordable.\n"
        "Larkfield Homes said it would start building in the spring.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "homes", text, dt.date(2025, 10, 15))
    # "the homes" are homes, not the developer
    assert engine.index.lexicon.canonical_word("homes") != "larkfieldhomes"


def test_a_person_whose_surname_is_an_everyday_word_keeps_it(tmp_path: Path) -> None:
    text = (
        "DUNMORE, March 3 (SWS) - The council on Monday approved a plan to drain the marsh"
        " north of the town to build 200 homes.\n"
        "Orla Marsh, who has sat on the council since 2019, voted against the plan.\n"
        "A spokesman for Orla Marsh said the vote ignored the flood risk.\n"
        "Marsh said she would take the decision to the High Court.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "marsh", text, dt.date(2025, 3, 3))
    answer = engine.answer("what did orla marsh say she would do?")
    assert "High Court" in answer.text


def test_a_claim_naming_the_wrong_person_is_answered_by_the_right_one(tmp_path: Path) -> None:
    text = (
        "HARROWGATE, May 4 (SWS) - Harrowgate won the Meridian Cup on Saturday.\n"
        "Teenage substitute Luka Varenne, 19, scored the winner in the 112th minute.\n"
        "Captain Jonas Solberg said the team had never given up.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "claim", text, dt.date(2025, 5, 4))
    answer = engine.answer("i heard the winner was scored by solberg, is that right?")
    assert "Varenne" in answer.text
    # Asked outright rather than put up for checking, it stays another person's question.
    assert not engine.answer("did solberg score the winner?").answered


def test_a_claim_about_someone_is_not_answered_by_what_another_did(tmp_path: Path) -> None:
    text = (
        "HARROWGATE, May 4 (SWS) - Harrowgate won the Meridian Cup on Saturday.\n"
        "The winner came from a header in the 112th minute, coach Maria Duval said.\n"
        "Striker Luka Varenne signed a new three-year contract with the club in January.\n"
        "Captain Jonas Solberg said the team had never given up.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "claims", text, dt.date(2025, 5, 4))
    # Whoever says how the winner came is not who scored it.
    assert not engine.answer("the winner was scored by solberg, right?").answered
    # Varenne's contract says nothing of Solberg's.
    assert not engine.answer("solberg signed a new contract, right?").answered
    assert not engine.answer("solberg's contract runs for three years, right?").answered


def test_one_standing_for_a_thing_named_is_no_count(tmp_path: Path) -> None:
    text = (
        "PELLHAM, Mar 14 (SWS) - The winning ticket, the only one to match all six numbers,"
        " was sold at a store on Marlow Street.\n"
        "Senior buyers at the three chains regularly told one another about price rises.\n"
        "Only one climber was injured in the fall.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "one", text, dt.date(2025, 3, 14))
    assert not engine.answer("how many people matched all six numbers?").answered
    assert not engine.answer("how many buyers were in on it?").answered
    assert engine.answer("how many climbers were injured?").text.startswith("Only one climber")


def test_a_count_of_one_answers_how_many(tmp_path: Path) -> None:
    text = (
        "KESTWICK, Mar 4 (SWS) - A bus crashed on the ring road on Monday.\n"
        "One person was killed and 12 were injured in the crash.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "one", text, dt.date(2025, 3, 4))
    # Not the 12 injured: the count of the dead is "one person".
    assert engine.answer("how many people were killed?").text.startswith("One person")
    assert engine.answer("how many were injured?").text.startswith("12")


def test_how_many_x_are_y_counts_the_y(tmp_path: Path) -> None:
    text = (
        "SELVA, Mar 4 (SWS) - A team of 46 divers, including 19 volunteers from local dive"
        " clubs, carried out the fieldwork over 81 days at sea.\n"
        "One firefighter, a 27-year-old volunteer, was taken to hospital.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "volunteers", text, dt.date(2025, 3, 4))
    assert engine.answer("how many divers were volunteers?").text.startswith("19 volunteers")
    assert not engine.answer("how many firefighters are volunteers?").answered


def test_an_age_put_up_for_checking_is_answered_by_the_persons_age(tmp_path: Path) -> None:
    text = (
        "VELMORA, Mar 18 (SWS) - Communications Minister Elena Orlova, 52, acknowledged the"
        " findings on Tuesday.\n"
        "Opposition lawmaker Radek Sulin said the programme had failed rural families.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "ages", text, dt.date(2025, 3, 18))
    for claim in ("is orlova 46?", "Orlova is 46, correct?", "isn't orlova 46?"):
        assert engine.answer(claim).text.startswith("52 years old"), claim
    # Sulin's age is not given: Orlova's is no answer for him.
    assert not engine.answer("is sulin 46?").answered


def test_a_figure_asked_for_in_a_unit_the_article_never_uses_is_declined(
    tmp_path: Path,
) -> None:
    text = (
        "SKARVIK, Oct 14 (SWS) - Rescue teams brought down the last of 14 climbers on Tuesday.\n"
        "The operation cost an estimated 2.4 million crowns, Holmvik said, most of it for"
        " helicopter flying time and overtime pay for the service's 12 full-time staff.\n"
        "The shelter zone reached 2.5 kilometres (1.6 miles) from the plant.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "units", text, dt.date(2025, 10, 14))
    assert not engine.answer("whats 2.4 million crowns in dollars").answered
    assert not engine.answer("what did the helicopter operation cost in dollars?").answered
    assert not engine.answer("how much did the operation cost in euros?").answered
    assert "2.4 million crowns" in engine.answer("how much did the operation cost in crowns").text
    assert "1.6 miles" in engine.answer("how far did the shelter zone reach in miles?").text


def test_how_much_is_not_answered_by_a_count_of_things(tmp_path: Path) -> None:
    text = (
        "PELLHAM, Mar 14 (SWS) - The jackpot surpassed the previous record of 298 million"
        " crowns, set in August 2019 and shared between two syndicates.\n"
        "Copper prices have fallen 9% since January.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "much", text, dt.date(2025, 3, 14))
    query = engine.index.query("how much did the syndicates share in 2019?")
    leads = {
        lead.text: engine.index.checker.lead_fits(query, lead, profile.tokens)
        for fact, _, profile in engine.index.items
        if fact is not None and fact.id == "much/p1-s1"
        for lead in profile.leads
    }
    assert leads["298 million crowns"]
    assert not leads["two syndicates"]  # a count of them is no amount
    assert engine.answer("how much have copper prices fallen?").text.startswith("9%")


def test_one_that_counts_still_counts(tmp_path: Path) -> None:
    text = (
        "VELBY, Mar 4 (SWS) - The storm damaged 12 homes in Velby, one of which was later"
        " demolished.\n"
        "Police searched 40 flats and found weapons in one flat, officers said.\n"
        "One worker was injured at Unit 3 of the Kessby plant on Monday, the operator said.\n"
        + _UNRELATED
    )
    engine = _built(tmp_path, "counts", text, dt.date(2025, 3, 4))
    assert engine.answer("how many homes were demolished?").text.startswith("One")
    assert engine.answer("in how many flats were weapons found?").text.startswith("One")
    # Unit 3's 3 counts nothing.
    assert not engine.answer("how many workers were injured at Unit 1?").text.startswith("3")


def test_only_a_name_alone_has_its_age_checked(tmp_path: Path) -> None:
    text = (
        "BRENTON, Mar 4 (SWS) - Mayor Peter Holloway, 62, said his son was among those hurt.\n"
        "Fire chief Anna Orlova said her crew of 46 reached the site within minutes.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "whose", text, dt.date(2025, 3, 4))
    assert engine.answer("is Holloway 60?").text.startswith("62 years old")
    assert engine.answer("is Mayor Holloway 60?").text.startswith("62 years old")
    assert not engine.answer("is Holloway's son 12?").text.startswith("62")
    assert "crew of 46" in engine.answer("was Orlova's crew 46?").text


def test_a_unit_written_another_way_is_the_same_unit(tmp_path: Path) -> None:
    text = (
        "KESSBY, Mar 4 (SWS) - The ship was carrying 2,000 tonnes of grain.\n"
        "The new road will be 12 kilometres long, the council said.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "units", text, dt.date(2025, 3, 4))
    assert "2,000 tonnes" in engine.answer("how much grain was the ship carrying in tons?").text
    assert "12 kilometres" in engine.answer("how long will the new road be in km?").text


def test_what_year_needs_a_year_the_article_writes(tmp_path: Path) -> None:
    text = (
        "BRESKOVA, Oct 16 (SWS) - Election officials began a hand recount of the mayoral vote"
        " on Thursday.\n"
        "The recount was last used in the city in 2019, officials said.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "years", text, dt.date(2025, 10, 16))
    # "Thursday" is this week's: the article writes no year for it.
    assert not engine.answer("what year did the recount begin?").text.startswith("Thursday")
    assert engine.answer("what year was the recount last used?").text.startswith("2019")


def test_what_year_of_a_sentence_with_a_year_of_something_else(tmp_path: Path) -> None:
    text = (
        "BRENTON, Mar 4 (SWS) - Lena Holm first became mayor of Brenton on Wednesday,"
        " succeeding Tomas Reinholt, who resigned in 2021.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "holm", text, dt.date(2025, 3, 4))
    # Not 2021, the year of what else the sentence tells.
    assert not engine.answer("what year did holm become mayor?").text.startswith("2021")


def test_a_street_is_no_name_of_a_store_on_it(tmp_path: Path) -> None:
    text = (
        "KESSBY, Mar 4 (SWS) - The winning ticket was sold at a convenience store on Marlow"
        " Street, the commission said.\n"
        "Fans packed the Lumen Arena for the final.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "store", text, dt.date(2025, 3, 4))
    answer = engine.answer("what's the name of the store that sold the ticket?").text
    assert not answer.startswith("Marlow Street"), answer
    assert "Marlow Street" in engine.answer("which street was the ticket sold on?").text


def test_which_night_is_no_length_of_time(tmp_path: Path) -> None:
    text = (
        'SKARVIK, Oct 14 (SWS) - "We dug a snow cave on the first night and took turns keeping'
        ' each other awake," Lindqvist said by telephone from hospital.\n'
        "The climbers spent three days on the ridge.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "nights", text, dt.date(2025, 10, 14))
    answer = engine.answer("how long did they spend inside the snow cave?").text
    assert not answer.startswith("First night"), answer
    assert engine.answer("how long were the climbers on the ridge?").text.startswith("Three days")


def test_an_everyday_verb_the_article_uses_is_no_near_miss(tmp_path: Path) -> None:
    text = (
        "SELVA, Mar 4 (SWS) - A team of 46 divers carried out the survey of the reef over 81"
        " days, the institute said on Monday.\n"
        "The divers took samples from 120 sites along the northern coast.\n"
        "Funding for the survey came from a regional levy on fishing licences.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "light", text, dt.date(2025, 3, 4))
    # "took" is the article's word, yet "take" asks nothing the survey's length leaves out.
    assert engine.answer("how long did the survey take?").text.startswith("81 days")
    assert engine.answer("how many divers took part?").text.startswith("46 divers")
    assert not engine.answer("how many divers died?").answered
    # With a particle of its own, the verb is what is asked: "came back" is no "carried out".
    assert not engine.answer("how many divers came back?").answered
    assert not engine.answer("how many divers came straight back?").answered


def test_a_soft_word_is_no_sign_of_which_name_is_meant(tmp_path: Path) -> None:
    text = (
        "LORSUND, Mar 4 (SWS) - A passenger ferry named Aurora collided with a cargo ship in"
        " thick fog on Monday, the coastguard said.\n"
        "The cargo ship was carrying timber to Riga.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "ship", text, dt.date(2025, 3, 4))
    assert engine.answer("What is the name of the ferry?").text.startswith("Aurora")
    assert not engine.answer("What is the name of the cargo ship?").answered


def test_a_time_of_day_is_no_date(tmp_path: Path) -> None:
    text = (
        "DUNMORE, Mar 14 (SWS) - About 4,200 residents were told to stay indoors on Friday after"
        " a chlorine leak at a chemical plant, officials said.\n"
        "The leak began at about 5:40 a.m. when a pressure valve failed.\n"
        "The authority shut the plant at 6 a.m. on Saturday after an inspection.\n"
        "Inspectors arrived at 10:30 Wednesday morning.\n" + _UNRELATED
    )
    engine = _built(tmp_path, "clock", text, dt.date(2025, 3, 14))
    answer = engine.answer("What was the date of the leak?").text
    assert not answer.startswith("About 5:40"), answer
    # A time of day that names its day answers which day it was.
    assert engine.answer("what day did the inspectors arrive?").text.startswith("10:30 Wednesday")
    # The day beside the hour is the date asked for.
    assert engine.answer("which day did the authority shut the plant?").text.startswith("Saturday")
