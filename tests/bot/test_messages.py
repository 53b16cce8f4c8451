"""Questions in messages (DMs, mentions, prefix commands), through the real client and a fake."""

from __future__ import annotations

import pytest

from bot.discord_bot import rendering
from knowledge.models import Answer
from tests.bot.conftest import StartBot, replies_to, settle
from tests.bot.fake_discord import FakeDiscord, Payload

QUESTION = "How many North Korean soldiers are in Kursk?"
MESSAGE_CONTENT_INTENT = 1 << 15


async def test_a_dm_question_gets_one_cited_reply(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    question = await fake.send_message(QUESTION, author=alice)
    reply = await fake.wait_for(replies_to(question))
    [embed] = reply.embeds
    assert "8,000" in embed["description"]
    assert embed["description"].endswith("[1]")
    assert embed["fields"][0]["name"] == "[1] Paragraph 1"
    assert "8,000 North Korean soldiers" in embed["fields"][0]["value"]
    assert "31 October 2024" in embed["footer"]["text"]
    assert reply.payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    await settle(fake)
    assert fake.unseen() == []  # exactly one reply


async def test_a_follow_up_in_a_dm_is_answered_about_the_last_answer(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    first = await fake.send_message(QUESTION, author=alice)
    await fake.wait_for(replies_to(first))
    # A question the article does not answer in between changes nothing.
    declined = await fake.send_message("What is the weather like on the moon?", author=alice)
    await fake.wait_for(replies_to(declined))
    follow_up = await fake.send_message("according to whom?", author=alice)
    reply = await fake.wait_for(replies_to(follow_up))
    [embed] = reply.embeds
    assert embed["description"].startswith("According to the US government")
    assert embed["fields"][0]["name"] == "[1] Paragraph 1"


async def test_a_mention_in_a_server_gets_a_reply_that_does_not_ping(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    content = f"<@{fake.application_id}> {QUESTION}"
    question = await fake.send_message(content, author=alice, guild=True, mentions=[fake.bot_user])
    reply = await fake.wait_for(replies_to(question))
    assert "8,000" in reply.embeds[0]["description"]
    assert reply.embeds[0]["title"] == f"Q: {QUESTION}"  # the mention itself is stripped
    assert reply.payload["allowed_mentions"]["replied_user"] is False


async def test_mentioning_the_bots_role_counts_as_a_mention(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    question = await fake.send_message(
        f"<@&{fake.bot_role_id}> {QUESTION}", author=alice, guild=True
    )
    reply = await fake.wait_for(replies_to(question))
    assert "8,000" in reply.embeds[0]["description"]


async def test_server_messages_without_a_mention_are_ignored(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    await fake.send_message(QUESTION, author=alice, guild=True)
    await settle(fake)
    assert fake.unseen() == []


async def test_messages_by_bots_and_webhooks_are_ignored(
    fake: FakeDiscord, start_bot: StartBot
) -> None:
    await start_bot()
    other_bot = FakeDiscord.user(555_000_000_000_000_001, "otherbot", bot=True)
    await fake.send_message(QUESTION, author=other_bot)
    await fake.send_message(
        f"<@{fake.application_id}> {QUESTION}",
        author=other_bot,
        guild=True,
        mentions=[fake.bot_user],
    )
    await fake.send_message(QUESTION, author=fake.bot_user)  # its own message
    webhook = FakeDiscord.user(555_000_000_000_000_002, "hook", bot=False)
    await fake.send_message(
        f"<@{fake.application_id}> hi", author=webhook, guild=True, webhook=True
    )
    await settle(fake)
    assert fake.unseen() == []


@pytest.mark.parametrize("guild", [False, True], ids=["dm", "server"])
async def test_mentions_and_markdown_in_a_question_ping_nobody_and_are_shown_escaped(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, guild: bool
) -> None:
    await start_bot()
    injected = (
        "@everyone @here <@123456789012345678> <@&123> <#42> **bold** `code` ||spoiler|| "
        "[link](https://example.com) what's the weather?"
    )
    content = f"<@{fake.application_id}> {injected}" if guild else injected
    mentions = [fake.bot_user] if guild else []
    question = await fake.send_message(content, author=alice, guild=guild, mentions=mentions)
    reply = await fake.wait_for(replies_to(question))
    description = reply.embeds[0]["description"]
    for raw in (
        "@everyone",
        "@here",
        "<@123456789012345678>",
        "<@&123>",
        "<#42>",
        "**bold**",
        "`code`",
        "||spoiler||",
    ):
        assert raw not in reply.text, raw
    assert r"\*\*bold\*\* \`code\` \|\|spoiler\|\|" in description  # shown literally
    assert r"\[link](" in description  # not a masked link
    assert reply.payload["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_a_decline_shows_suggestion_buttons(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    question = await fake.send_message("What is the weather in Paris?", author=alice)
    reply = await fake.wait_for(replies_to(question))
    assert reply.embeds[0]["title"] == "Not covered by the article"
    assert 1 <= len(reply.suggestion_buttons) <= 5
    assert reply.buttons[: len(reply.suggestion_buttons)] == reply.suggestion_buttons
    assert {":".join(b["custom_id"].split(":")[:3]) for b in reply.buttons[-3:]} == {
        "nb:fb:up",
        "nb:fb:down",
        "nb:fb:why",
    }


@pytest.mark.parametrize(
    "junk",
    [
        "x" * 5000,
        "?" * 301,
        "\u200b\u200b\u200b",
        "🙂🙂🙂",
        "**__~~||`` ``||~~__**",
        "\x00\x01\x02 control",
        "<@&1> <#2> <:emoji:3>",
        "a\n" * 500,
        "ask",
    ],
)
async def test_junk_and_over_long_input_get_exactly_one_valid_reply(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, junk: str
) -> None:
    await start_bot()
    question = await fake.send_message(junk, author=alice)
    reply = await fake.wait_for(replies_to(question))
    assert reply.content or reply.embeds
    if len(junk.strip()) > 300:
        assert "300" in reply.content
        assert "characters" in reply.content
    await settle(fake)
    assert fake.unseen() == []


async def test_an_empty_mention_gets_a_hint(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    content = f"<@{fake.application_id}>"
    question = await fake.send_message(content, author=alice, guild=True, mentions=[fake.bot_user])
    reply = await fake.wait_for(replies_to(question))
    assert reply.content == rendering.empty_question_notice()


async def test_without_a_prefix_prefix_commands_are_ignored_and_no_privileged_intent(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    assert not int(fake.identify_payloads[-1]["intents"]) & MESSAGE_CONTENT_INTENT
    await fake.send_message(f"!ask {QUESTION}", author=alice, guild=True)
    await fake.send_message("!help", author=alice, guild=True)
    await settle(fake)
    assert fake.unseen() == []


async def test_prefix_commands_work_when_enabled(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot(command_prefix="!")
    assert int(fake.identify_payloads[-1]["intents"]) & MESSAGE_CONTENT_INTENT
    ask = await fake.send_message(f"!ask {QUESTION}", author=alice, guild=True)
    assert "8,000" in (await fake.wait_for(replies_to(ask))).embeds[0]["description"]
    facts = await fake.send_message("!facts", author=alice, guild=True)
    assert (await fake.wait_for(replies_to(facts))).embeds[0]["title"] == "What I can answer"
    source = await fake.send_message("!source 2", author=alice, guild=True)
    assert "Paragraph 2" in (await fake.wait_for(replies_to(source))).embeds[0]["title"]
    bad = await fake.send_message("!source two", author=alice, guild=True)
    assert "Usage" in (await fake.wait_for(replies_to(bad))).content
    help_ = await fake.send_message("!HELP", author=alice, guild=True)
    assert "!ask" in (await fake.wait_for(replies_to(help_))).embeds[0]["description"]
    # In a DM, a prefix command is answered once (by the command), not also as a question.
    dm = await fake.send_message(f"!ask {QUESTION}", author=alice)
    await fake.wait_for(replies_to(dm))
    await settle(fake)
    assert fake.unseen() == []


async def test_unknown_prefix_commands_are_ignored_quietly(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot(command_prefix="!")
    for other_bots_command in ("!play some music", "!!!", "!rank"):
        await fake.send_message(other_bots_command, author=alice, guild=True)
    # Sends to one channel go out in order, so this reply comes after any to the messages above.
    huge = await fake.send_message("!source " + "9" * 1990, author=alice, guild=True)
    reply = await fake.wait_for(replies_to(huge))
    assert reply.content.startswith("There is no paragraph with that number")
    await settle(fake)
    assert fake.unseen() == []
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_cooldown_sends_one_notice_per_window(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot(cooldown_rate=2, cooldown_per=600)
    asked = [await fake.send_message(QUESTION, author=alice) for _ in range(6)]
    first, second, third = [await fake.wait_for(replies_to(q)) for q in asked[:3]]
    assert first.embeds
    assert second.embeds
    assert "wait" in third.content
    await settle(fake)
    assert fake.unseen() == []  # questions 4 to 6: no reply, no second notice


async def test_notices_count_against_the_cooldown_too(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot(cooldown_rate=2, cooldown_per=600)
    asked = [await fake.send_message("x" * 400, author=alice) for _ in range(6)]
    first, second, third = [await fake.wait_for(replies_to(q)) for q in asked[:3]]
    assert "characters" in first.content
    assert "characters" in second.content
    assert "wait" in third.content
    await settle(fake)
    assert fake.unseen() == []  # an over-long flood is throttled like any other


async def test_replies_still_arrive_if_the_question_was_deleted(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    question = await fake.send_message(QUESTION, author=alice)
    reply = await fake.wait_for(replies_to(question))
    # Discord would refuse a reply to a deleted message unless told to send it anyway.
    assert reply.payload["message_reference"]["fail_if_not_exists"] is False


async def test_a_403_on_send_is_logged_and_survived(
    fake: FakeDiscord,
    start_bot: StartBot,
    alice: Payload,
    bob: Payload,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await start_bot()
    question = await fake.send_message(QUESTION, author=alice)
    fake.forbidden_channels.add(int(question["channel_id"]))
    question = await fake.send_message(QUESTION, author=alice)
    refused = await fake.wait_for(replies_to(question))
    assert refused.status == 403
    fine = await fake.send_message(QUESTION, author=bob)
    assert (await fake.wait_for(replies_to(fine))).embeds
    assert "no permission to reply" in caplog.text


class ExplodingEngine:
    """The real engine, except that one question raises (the bot must not leak the error)."""

    def __init__(self, engine: object) -> None:
        self.engine = engine

    def answer(self, question: str, *, previous: Answer | None = None) -> Answer:
        if "explode" in question:
            raise RuntimeError("secret internal detail")
        return self.engine.answer(question, previous=previous)  # type: ignore[attr-defined, no-any-return]

    def suggest(self, partial: str, limit: int = 25) -> list[str]:
        return self.engine.suggest(partial, limit)  # type: ignore[attr-defined, no-any-return]

    def topics(self) -> dict[str, list[str]]:
        return self.engine.topics()  # type: ignore[attr-defined, no-any-return]

    def for_article(self, article: str) -> ExplodingEngine:
        return self


async def test_a_failing_message_handler_says_something_went_wrong_without_details(
    fake: FakeDiscord,
    start_bot: StartBot,
    engine: object,
    alice: Payload,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await start_bot(answer_engine=ExplodingEngine(engine))
    question = await fake.send_message("please explode", author=alice)
    reply = await fake.wait_for(replies_to(question))
    assert reply.content == rendering.SOMETHING_WENT_WRONG
    assert "secret" not in reply.text
    assert "secret internal detail" in caplog.text  # but it is logged
    fine = await fake.send_message(QUESTION, author=alice)
    assert (await fake.wait_for(replies_to(fine))).embeds
