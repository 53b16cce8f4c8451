"""👍 / 👎 and Explain on every answer; "what was wrong?" after a 👎.

The buttons are persistent `DynamicItem`s: their custom_id carries the question's id, so clicks
on old messages work after a restart. The answer a vote is about is the one remembered by that
id; after a restart it is rebuilt from the message (its question and text) and the server's
engine. A vote is acknowledged only once it is stored. Each click answers only the clicker.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any, Final, Literal, cast

import discord

from bot.discord_bot import rendering
from bot.discord_bot.asking import AskedQuestion, asker_of
from bot.discord_bot.draining import answering_of
from bot.discord_bot.throttling import Throttle
from knowledge import Engine
from knowledge.explaining import explain
from knowledge.models import Answer
from storage import Reason, StorageError, Store

log = logging.getLogger(__name__)

REASON_LABELS: Final[dict[Reason, str]] = {
    "wrong_answer": "Wrong answer",
    "wrong_citation": "Wrong citation",
    "should_have_declined": "Should have declined",
    "should_have_answered": "Should have answered",
}
_SHORT: Final[dict[str, Reason]] = {
    "wa": "wrong_answer",
    "wc": "wrong_citation",
    "sd": "should_have_declined",
    "sa": "should_have_answered",
}
VOTE_TEMPLATE: Final = r"nb:fb:(?P<action>up|down|why):(?P<question>\d+)(?::(?P<fact>[0-9a-f]*))?"
"""A feedback button: what it does, the question's id and a short hash of the answering fact
(empty for a decline), so that after a restart a vote still names the fact that was shown."""
_FACT_HASH_LENGTH: Final = 12
REASON_TEMPLATE: Final = r"nb:wr:(?P<reason>wa|wc|sd|sa):(?P<message>\d+)"


def store_of(client: object) -> Store | None:
    """The database a running bot carries, if any."""
    store = getattr(client, "store", None)
    return store if isinstance(store, Store) else None


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=VOTE_TEMPLATE
):
    """👍, 👎 or Explain under an answer."""

    def __init__(self, action: str, question_id: int, fact: str = "") -> None:
        label, emoji, style = {
            "up": (None, "👍", discord.ButtonStyle.secondary),
            "down": (None, "👎", discord.ButtonStyle.secondary),
            "why": ("Explain", None, discord.ButtonStyle.secondary),
        }[action]
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                custom_id=f"nb:fb:{action}:{question_id}:{fact}",
                row=4,
            )
        )
        self.action = action
        self.question_id = question_id
        self.fact = fact

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> FeedbackButton:
        """Rebuild the button from a click."""
        return cls(match["action"], int(match["question"]), match["fact"] or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Store the vote (then offer "what was wrong?" for a 👎), or explain the answer.

        A click is tracked like a question: once the bot is stopping it is left unanswered
        (Discord says the interaction failed, so the user knows to click again), and a click
        being handled gets to finish.
        """
        async with answering_of(interaction.client)("feedback") as accepted:
            if accepted and await _not_too_fast(interaction):
                await self._handle(interaction)

    async def _handle(self, interaction: discord.Interaction[Any]) -> None:
        asked = await _asked(interaction, self.question_id, self.fact)
        if asked is None:
            await _tell(interaction, "I can no longer tell which answer this was.")
            return
        if self.action == "why":
            await _tell(interaction, explanation_text(asked))
            return
        store = store_of(interaction.client)
        message = interaction.message
        if store is None or message is None:
            await _tell(interaction, "Feedback is not kept by this bot.")
            return
        vote = cast(Literal["up", "down"], self.action)
        answer = asked.answer
        try:
            await store.record_vote(
                message_id=message.id,
                user=store.hash_user(interaction.user.id),
                vote=vote,
                question=answer.question,
                answer=answer.text,
                fact_ids=answer.fact_ids,
                article=asked.article,
                guild_id=interaction.guild_id,
            )
        except StorageError as error:
            log.error("could not store a vote: %s", error)
            await _tell(interaction, "Sorry, your vote could not be saved. Please try again.")
            return
        if vote == "up":
            await _tell(interaction, "Thanks! 👍 noted.")
            return
        view = discord.ui.View(timeout=None)
        for short, reason in _SHORT.items():
            view.add_item(ReasonButton(reason, message.id, short=short))
        await interaction.response.send_message(
            "Thanks, 👎 noted. What was wrong?", view=view, ephemeral=True
        )


class ReasonButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=REASON_TEMPLATE
):
    """One answer to "what was wrong?" after a 👎."""

    def __init__(self, reason: Reason, message_id: int, *, short: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=REASON_LABELS[reason],
                style=discord.ButtonStyle.secondary,
                custom_id=f"nb:wr:{short}:{message_id}",
            )
        )
        self.reason = reason
        self.message_id = message_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReasonButton:
        """Rebuild the button from a click."""
        short = match["reason"]
        return cls(_SHORT[short], int(match["message"]), short=short)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Store the reason with the clicker's 👎, and say so in place of the question."""
        async with answering_of(interaction.client)("feedback") as accepted:
            if accepted and await _not_too_fast(interaction):
                await self._handle(interaction)

    async def _handle(self, interaction: discord.Interaction[Any]) -> None:
        store = store_of(interaction.client)
        if store is None:
            return
        try:
            stored = await store.set_vote_reason(
                message_id=self.message_id,
                user=store.hash_user(interaction.user.id),
                reason=self.reason,
            )
        except StorageError as error:
            log.error("could not store a vote's reason: %s", error)
            stored = False
        text = (
            f"Thanks, noted: {REASON_LABELS[self.reason].lower()}."
            if stored
            else "Sorry, that could not be saved (was your 👎 changed?)."
        )
        await interaction.response.edit_message(content=text, view=None)


def feedback_items(question_id: int, fact_id: str = "") -> list[FeedbackButton]:
    """The buttons under an answer to question `question_id`: 👍, 👎 and Explain."""
    fact = fact_hash(fact_id) if fact_id else ""
    return [FeedbackButton(action, question_id, fact) for action in ("up", "down", "why")]


def fact_hash(fact_id: str) -> str:
    """A short stable hash of a fact id, short enough for a custom_id."""
    return hashlib.sha256(fact_id.encode("utf-8")).hexdigest()[:_FACT_HASH_LENGTH]


def explanation_text(asked: AskedQuestion) -> str:
    """Why the answer is what it is, in a few short lines."""
    engine = asked.engine
    if not isinstance(engine, Engine):
        return "No explanation is available for this answer."
    explanation = explain(engine, asked.answer.question, previous=asked.previous)
    found = (explanation.fact_id,) if explanation.fact_id else ()
    if asked.rebuilt and asked.answer.fact_ids[:1] != found:
        # Rebuilt after a restart without its conversation: explaining it afresh would
        # contradict the answer shown.
        return "This answer can no longer be explained: ask the question again to see why."
    lines = explanation.lines()
    return rendering.clip("\n".join(lines), rendering.CONTENT_LIMIT)


async def _asked(
    interaction: discord.Interaction[Any], question_id: int, fact: str
) -> AskedQuestion | None:
    """The answer a button is about: remembered, or (after a restart) rebuilt as it was shown.

    The question and the answer's text come from the message, the answering fact from the
    hash the button carries.
    """
    asker = asker_of(interaction.client)
    if asker is None:
        return None
    found = asker.answers.get(question_id)
    if found is not None:
        return found
    message = interaction.message
    question = rendering.question_of(message)
    if not question:
        return None
    shelf = await asker.library.ready(interaction.guild_id)
    facts = getattr(getattr(shelf.engine, "kb", None), "facts", ())
    answering = next((f for f in facts if fact and fact_hash(f.id) == fact), None)
    if fact and answering is None:
        return None  # the fact is gone (its article removed or edited): not a decline
    shown = message.embeds[0].description if message and message.embeds else ""
    answer = Answer(
        question=question,
        answered=answering is not None,
        text=shown or "",
        confidence=0.0,
        fact_ids=(answering.id,) if answering is not None else (),
    )
    article = answering.article if answering is not None else ""
    asked = AskedQuestion(answer, interaction.guild_id, shelf.engine, None, article, rebuilt=True)
    asker.answers.keep(question_id, asked)
    return asked


async def _not_too_fast(interaction: discord.Interaction[Any]) -> bool:
    """Each click writes to the database: a user clicking on and on gets one notice."""
    throttle = getattr(interaction.client, "feedback_throttle", None)
    if not isinstance(throttle, Throttle):
        return True
    decision = throttle.check(interaction.user.id)
    if decision.verdict == "allow":
        return True
    if decision.verdict == "notify":
        await _tell(interaction, rendering.cooldown_notice(decision.retry_after))
    else:
        # Acknowledged without a message: Discord would otherwise say the click failed.
        await interaction.response.defer()
    return False


async def _tell(interaction: discord.Interaction[Any], text: str) -> None:
    await interaction.response.send_message(
        rendering.clip(text, rendering.CONTENT_LIMIT), ephemeral=True
    )
