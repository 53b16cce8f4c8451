"""Slash commands, autocomplete and suggestion buttons, through the real client and a fake."""

from __future__ import annotations

import pytest

from bot.discord_bot import rendering
from tests.bot.conftest import StartBot, replies_to
from tests.bot.fake_discord import FakeDiscord, Payload, Sent
from tests.bot.test_messages import QUESTION, ExplodingEngine

EPHEMERAL = 64
CHANNEL_MESSAGE = 4
AUTOCOMPLETE_RESULT = 8


@pytest.mark.parametrize("guild", [True, False], ids=["server", "dm"])
async def test_ask_gets_a_cited_embed_well_inside_three_seconds(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, guild: bool
) -> None:
    await start_bot()
    interaction = await fake.slash("ask", {"question": QUESTION}, user=alice, guild=guild)
    reply = await fake.reply_to(interaction, within=3.0)  # Discord's window for a first response
    assert reply.payload["type"] == CHANNEL_MESSAGE
    assert not reply.ephemeral
    assert "8,000" in reply.embeds[0]["description"]
    assert reply.embeds[0]["fields"][0]["name"] == "[1] Paragraph 1"


async def test_ask_private_is_ephemeral(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    interaction = await fake.slash("ask", {"question": QUESTION, "private": True}, user=alice)
    reply = await fake.reply_to(interaction)
    assert reply.ephemeral
    assert reply.embeds


async def test_ask_with_an_over_long_question_explains_the_limit_privately(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot(max_question_length=100)
    interaction = await fake.slash("ask", {"question": "why " * 200}, user=alice)
    reply = await fake.reply_to(interaction)
    assert reply.ephemeral
    assert "100" in reply.content


async def test_autocomplete_suggests_answerable_questions(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    interaction = await fake.autocomplete("ask", "question", "how many troops", user=alice)
    reply = await fake.reply_to(interaction)
    assert reply.payload["type"] == AUTOCOMPLETE_RESULT
    choices = reply.payload["data"]["choices"]
    assert 1 <= len(choices) <= 25
    assert any("How many" in choice["name"] for choice in choices)
    assert all(choice["name"] == choice["value"] for choice in choices)


@pytest.mark.parametrize(
    "typed",
    ["", "x" * 5000, "qz!#%&*(){}[]<>@~`|\\^$" * 9, "@everyone", "🙂"],
    ids=["empty", "5000 x", "200 junk", "everyone", "emoji"],
)
async def test_autocomplete_never_breaks_on_odd_input(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, typed: str
) -> None:
    await start_bot()
    interaction = await fake.autocomplete("ask", "question", typed, user=alice)
    reply = await fake.reply_to(interaction, within=3.0)
    choices = reply.payload["data"]["choices"]
    assert len(choices) <= 25
    assert all(1 <= len(choice["name"]) <= 100 for choice in choices)  # the fake checks too
    if not typed:
        assert len(choices) == 25  # an empty box shows a full list of answerable questions


async def test_clicking_a_suggestion_answers_that_question(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    await start_bot()
    interaction = await fake.slash("ask", {"question": "What is the weather in Paris?"}, user=alice)
    decline = await fake.reply_to(interaction)
    assert decline.embeds[0]["title"] == "Not covered by the article"
    button = decline.buttons[0]
    click = await fake.click(decline, button["custom_id"], user=bob)
    answer = await fake.reply_to(click)
    assert answer.embeds[0]["title"] == f"Q: {button['label']}"
    assert answer.embeds[0]["fields"]  # a cited answer


async def test_suggestion_buttons_work_after_a_restart(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    first = await start_bot()
    question = await fake.send_message("What is the weather in Paris?", author=alice)
    decline = await fake.wait_for(replies_to(question))
    await first.close()
    await start_bot()  # a new process would know nothing but the custom_id
    click = await fake.click(decline, decline.buttons[0]["custom_id"], user=alice, guild=False)
    assert (await fake.reply_to(click)).embeds[0]["fields"]


async def test_a_hashed_suggestion_resolves_from_the_engine_topics(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, engine: object
) -> None:
    await start_bot()
    topics = engine.topics()  # type: ignore[attr-defined]
    question = next(iter(topics.values()))[0]
    known = rendering.SUGGESTION_HASH_PREFIX + rendering.question_hash(question)
    unknown = rendering.SUGGESTION_HASH_PREFIX + "0" * 20
    buttons = [
        {"type": 2, "style": 2, "label": "a long question", "custom_id": custom_id}
        for custom_id in (known, unknown)
    ]
    message = Sent(
        "message",
        {"content": "x", "components": [{"type": 1, "components": buttons}]},
        channel_id=fake.channel_id,
    )
    click = await fake.click(message, known, user=alice)
    assert (await fake.reply_to(click)).embeds[0]["title"] == f"Q: {question}"
    expired = await fake.reply_to(await fake.click(message, unknown, user=alice))
    assert expired.content == rendering.SUGGESTION_EXPIRED
    assert expired.ephemeral


async def test_a_click_on_a_private_decline_answers_privately(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    interaction = await fake.slash(
        "ask", {"question": "What is the weather in Paris?", "private": True}, user=alice
    )
    decline = await fake.reply_to(interaction)
    assert decline.ephemeral
    click = await fake.click(decline, decline.buttons[0]["custom_id"], user=alice)
    assert (await fake.reply_to(click)).ephemeral


async def test_source_facts_and_help(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    source = await fake.reply_to(await fake.slash("source", user=alice))
    assert "Kursk" in source.embeds[0]["title"]
    names = [f["name"] for f in source.embeds[0]["fields"]]
    assert names[:4] == ["Outlet", "Author", "Date", "Paragraphs"]
    paragraph = await fake.reply_to(await fake.slash("source", {"paragraph": 2}, user=alice))
    assert paragraph.embeds[0]["title"].startswith("Paragraph 2 of ")
    assert "Lloyd Austin" in paragraph.embeds[0]["description"]
    missing = await fake.reply_to(await fake.slash("source", {"paragraph": 999}, user=alice))
    assert missing.ephemeral
    assert "no paragraph 999" in missing.content
    facts = await fake.reply_to(await fake.slash("facts", user=alice))
    assert facts.ephemeral
    assert len(facts.embeds[0]["fields"]) >= 2
    help_ = await fake.reply_to(await fake.slash("help", user=alice, guild=False))
    assert "/ask" in help_.embeds[0]["description"]
    assert "Prefix commands" not in help_.embeds[0]["description"]


async def test_cooldown_on_slash_commands_answers_privately(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot(cooldown_rate=1, cooldown_per=600)
    first = await fake.reply_to(await fake.slash("ask", {"question": QUESTION}, user=alice))
    assert first.embeds
    for _ in range(3):  # an interaction must always be answered; the notice is private
        notice = await fake.reply_to(await fake.slash("ask", {"question": QUESTION}, user=alice))
        assert notice.ephemeral
        assert "wait" in notice.content.lower()


async def test_an_app_command_error_is_handled_centrally_without_details(
    fake: FakeDiscord,
    start_bot: StartBot,
    engine: object,
    alice: Payload,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await start_bot(answer_engine=ExplodingEngine(engine))
    reply = await fake.reply_to(await fake.slash("ask", {"question": "explode now"}, user=alice))
    assert reply.ephemeral
    assert reply.content == rendering.SOMETHING_WENT_WRONG
    assert "secret internal detail" in caplog.text
