"""Rendering as pure functions: engine values in, Discord-valid payloads out."""

from __future__ import annotations

import datetime as dt
import re

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord_bot import rendering
from knowledge import Engine, KnowledgeBase
from knowledge.answering import THANKS_TEXT
from knowledge.models import Answer, ArticleMeta, Citation
from tests.bot.fake_discord import choices_problems, message_problems

META = ArticleMeta(
    id="nk-troops-kursk",
    title="US: about 8,000 North Korean troops have entered Russia's Kursk region",
    title_is_ours=True,
    date=dt.date(2024, 10, 31),
    url="https://example.com/article",
)
OTHER = ArticleMeta(
    id="other", title="Another article", title_is_ours=False, date=dt.date(2024, 11, 2), outlet="AP"
)
SOURCES = {META.id: META, OTHER.id: OTHER}
NONE = discord.AllowedMentions.none().to_dict()


def payload(embed: discord.Embed) -> dict[str, object]:
    """The message payload discord.py would send for one embed."""
    return {"embeds": [embed.to_dict()], "allowed_mentions": NONE}


def answered(
    text: str = "About 8,000.", *citations: Citation, question: str = "How many?"
) -> Answer:
    return Answer(
        question=question, answered=True, text=text, confidence=0.9, citations=tuple(citations)
    )


def test_answer_embed_shows_answer_footnotes_quotes_and_source() -> None:
    answer = answered(
        "About 8,000 soldiers.",
        Citation(article=META.id, paragraph=1, quote="around 8,000 North Korean soldiers"),
        Citation(article=META.id, paragraph=5, quote="around 10,000 North Korean soldiers"),
    )
    embed = rendering.answer_embed(answer, SOURCES)
    assert embed.description == "About 8,000 soldiers. [1] [2]"
    assert [f.name for f in embed.fields] == ["[1] Paragraph 1", "[2] Paragraph 5"]
    assert embed.fields[0].value == "> around 8,000 North Korean soldiers"
    assert embed.footer.text is not None
    assert "31 October 2024" in embed.footer.text
    assert META.title in embed.footer.text
    assert embed.url == META.url
    assert message_problems(payload(embed)) == []


def test_citations_from_two_articles_name_both() -> None:
    answer = answered(
        "Both say so.",
        Citation(article=META.id, paragraph=1, quote="one"),
        Citation(article=OTHER.id, paragraph=2, quote="two"),
    )
    embed = rendering.answer_embed(answer, SOURCES)
    assert "Another article" in (embed.fields[1].name or "")
    assert embed.footer.text is not None
    assert "AP" in embed.footer.text
    assert embed.url is None


def test_decline_says_not_covered_and_lists_suggestions() -> None:
    answer = Answer(
        question="What is the weather?",
        answered=False,
        text="",
        confidence=0.0,
        suggestions=("How many soldiers are in Kursk?", "Who is Blinken?"),
    )
    embed = rendering.answer_embed(answer, SOURCES)
    assert embed.title == "Not covered by the article"
    assert "does not cover" in (embed.description or "")
    assert "• How many soldiers are in Kursk?" in (embed.description or "")


def test_thanks_gets_a_thank_you_not_a_decline() -> None:
    answer = Answer(
        question="thanks bot!",
        answered=False,
        text=THANKS_TEXT,
        confidence=0.0,
        suggestions=("Who is Blinken?",),
    )
    embed = rendering.answer_embed(answer, SOURCES)
    assert embed.title == "You're welcome!"
    assert "does not cover" not in (embed.description or "")
    assert "• Who is Blinken?" in (embed.description or "")


@pytest.mark.parametrize(
    ("question", "forbidden"),
    [
        ("@everyone how many?", "@everyone"),
        ("@here how many?", "@here"),
        ("<@123456789012345678> who?", "<@123456789012345678>"),
        ("<@&123456789012345678> who?", "<@&123456789012345678>"),
        ("<@&123> who?", "<@&123>"),
        ("<#42> or </ask:1>?", "<#42>"),
        ("</ask:1>?", "</ask:1>"),
        ("**bold** and __underline__?", "**bold**"),
        ("`code` ||spoiler||", "||spoiler||"),
    ],
)
def test_user_text_is_escaped_when_echoed(question: str, forbidden: str) -> None:
    decline = Answer(question=question, answered=False, text="", confidence=0.0)
    for embed in (
        rendering.answer_embed(decline, SOURCES),
        rendering.answer_embed(answered("x", question=question), SOURCES),
    ):
        shown = f"{embed.title}\n{embed.description}"
        assert forbidden not in shown


long_text = st.text(min_size=0, max_size=9000)
citations = st.builds(
    Citation,
    article=st.sampled_from([META.id, OTHER.id, "unknown"]),
    paragraph=st.integers(min_value=1, max_value=10_000),
    quote=st.text(min_size=1, max_size=3000),
)


@settings(max_examples=150, deadline=None)
@given(
    question=long_text,
    text=long_text,
    cited=st.lists(citations, max_size=40),
    suggestions=st.lists(st.text(max_size=500), max_size=5),
    is_answer=st.booleans(),
)
def test_any_answer_renders_inside_discord_limits(
    question: str, text: str, cited: list[Citation], suggestions: list[str], is_answer: bool
) -> None:
    answer = Answer(
        question=question,
        answered=is_answer,
        text=text,
        confidence=0.5,
        citations=tuple(cited) if is_answer else (),
        suggestions=tuple(suggestions),
    )
    embed = rendering.answer_embed(answer, SOURCES)
    assert message_problems(payload(embed)) == []
    assert "@everyone" not in f"{embed.title}{embed.description}" or "@\u200beveryone" in (
        f"{embed.title}{embed.description}"
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=60))
def test_autocomplete_choices_fit_discord(questions: list[str]) -> None:
    choices = rendering.autocomplete_choices(questions)
    assert choices_problems([choice.to_dict() for choice in choices]) == []
    assert len({choice.value for choice in choices}) == len(choices)


def test_autocomplete_keeps_order_and_caps_at_25() -> None:
    questions = [f"Question number {n}?" for n in range(40)]
    choices = rendering.autocomplete_choices(questions)
    assert [c.name for c in choices] == questions[:25]


@given(st.text(min_size=1, max_size=500))
def test_suggestion_ids_fit_and_round_trip(question: str) -> None:
    custom_id = rendering.suggestion_custom_id(question)
    assert 1 <= len(custom_id) <= rendering.CUSTOM_ID_LIMIT
    match = re.fullmatch(rendering.SUGGESTION_TEMPLATE, custom_id, flags=re.DOTALL)
    assert match is not None
    if match["kind"]:
        assert match["value"] == rendering.question_hash(question)
    else:
        assert match["value"] == question
    assert 1 <= len(rendering.button_label(question)) <= rendering.BUTTON_LABEL_LIMIT


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=400), st.lists(st.text(max_size=400), max_size=30), max_size=40
    )
)
def test_facts_embed_fits_discord(topics: dict[str, list[str]]) -> None:
    assert message_problems(payload(rendering.facts_embed(topics))) == []


@given(st.text(max_size=3000), st.integers(min_value=1, max_value=2000))
def test_escape_user_text_respects_the_limit(text: str, limit: int) -> None:
    escaped = rendering.escape_user_text(text, limit)
    assert len(escaped) <= limit
    assert "@everyone" not in escaped


@given(st.text(max_size=5000), st.integers(min_value=1, max_value=4096))
def test_clip_never_exceeds_the_limit(text: str, limit: int) -> None:
    clipped = rendering.clip(text, limit)
    assert len(clipped) <= limit
    if len(text) <= limit:
        assert clipped == text
    else:
        assert clipped.endswith(rendering.ELLIPSIS) or limit <= 1


@pytest.mark.parametrize("prefix", ["", "!", "?"])
def test_help_mentions_prefix_commands_only_when_enabled(prefix: str) -> None:
    embed = rendering.help_embed(prefix)
    assert ("Prefix commands" in (embed.description or "")) == bool(prefix)
    assert message_problems(payload(embed)) == []


def test_notices_are_plain_and_short() -> None:
    for text in (
        rendering.too_long_notice(5000, 300),
        rendering.cooldown_notice(12.4),
        rendering.empty_question_notice(),
        rendering.SOMETHING_WENT_WRONG,
    ):
        assert 0 < len(text) <= rendering.CONTENT_LIMIT
    assert "300" in rendering.too_long_notice(5000, 300)
    assert "12 seconds" in rendering.cooldown_notice(12.4)


def test_quotes_from_the_fact_base_are_shown_verbatim_with_their_paragraph(
    kb: KnowledgeBase, engine: Engine
) -> None:
    sources = {article.id: article.meta for article in kb.articles.values()}
    checked = 0
    for questions in engine.topics().values():
        for question in questions:
            answer = engine.answer(question)
            if not answer.answered:
                continue
            embed = rendering.answer_embed(answer, sources)
            assert len(embed.fields) == len(answer.citations)
            for number, (shown, citation) in enumerate(
                zip(embed.fields, answer.citations, strict=True), start=1
            ):
                assert shown.name == f"[{number}] Paragraph {citation.paragraph}"
                assert f"[{number}]" in (embed.description or "")
                quote = re.sub(r"\\(.)", r"\1", (shown.value or "").removeprefix("> "))
                paragraph = kb.articles[citation.article].paragraphs[citation.paragraph - 1]
                assert quote in " ".join(paragraph.text.split()), question
                checked += 1
    assert checked >= 20


def test_a_missing_paragraph_is_named_unless_the_number_is_huge() -> None:
    assert rendering.no_such_paragraph(12, 10).startswith("There is no paragraph 12:")
    huge = rendering.no_such_paragraph(10**4000, 10)
    assert "with that number" in huge
    assert len(huge) < 100
