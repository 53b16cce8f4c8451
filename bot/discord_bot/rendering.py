"""Pure rendering: engine values in, Discord embeds, texts and choices out.

This module owns Discord's size limits. Every function here returns something Discord will
accept: long text is trimmed on purpose (with an ellipsis) rather than rejected by the API, and
text that came from a user is escaped so it cannot inject markdown or mentions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import discord
from discord import app_commands

from knowledge.answering import DECLINE_TEXT, EMPTY_TEXT, THANKS_TEXT
from knowledge.models import Answer, Article, ArticleMeta, Citation

CONTENT_LIMIT: Final = 2000
EMBED_TITLE_LIMIT: Final = 256
EMBED_DESCRIPTION_LIMIT: Final = 4096
EMBED_FIELD_COUNT_LIMIT: Final = 25
EMBED_FIELD_NAME_LIMIT: Final = 256
EMBED_FIELD_VALUE_LIMIT: Final = 1024
EMBED_FOOTER_LIMIT: Final = 2048
EMBED_TOTAL_LIMIT: Final = 6000
CHOICE_COUNT_LIMIT: Final = 25
CHOICE_NAME_LIMIT: Final = 100
CHOICE_VALUE_LIMIT: Final = 100
BUTTON_LABEL_LIMIT: Final = 80
CUSTOM_ID_LIMIT: Final = 100
BUTTONS_PER_ROW: Final = 5

ELLIPSIS: Final = "…"
ANSWER_COLOUR: Final = discord.Colour(0x3B82F6)
DECLINE_COLOUR: Final = discord.Colour(0x9CA3AF)
NOTICE_COLOUR: Final = discord.Colour(0xF59E0B)

SOMETHING_WENT_WRONG: Final = "Sorry, something went wrong while answering that. Please try again."
SUGGESTION_EXPIRED: Final = "That suggestion is no longer available; please ask again with /ask."

SUGGESTION_ID_PREFIX: Final = "nb:ask:"
SUGGESTION_HASH_PREFIX: Final = "nb:askh:"
SUGGESTION_TEMPLATE: Final = r"nb:ask(?P<kind>h?):(?P<value>.+)"
"""The `DynamicItem` template matching both custom_id forms of a suggestion button."""

_CONTROL: Final = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)
_SPACE: Final = re.compile(r"\s+")
_REFERENCE: Final = re.compile(r"<([@#/])")
"""The start of a user, role, channel or command reference, whatever its id looks like."""


def clip(text: str, limit: int) -> str:
    """Trim `text` to at most `limit` characters, ending in an ellipsis when cut.

    Cuts at a word boundary when one is near the end, so a trimmed quote reads naturally.
    """
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= len(cut) * 4 // 5:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def one_line(text: str) -> str:
    """Collapse whitespace and drop control and invisible characters."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def escape_user_text(text: str, limit: int) -> str:
    """Escape text a user wrote so it shows literally, never as markdown or a mention.

    The result is at most `limit` characters: the text is trimmed before escaping, and trimmed
    further if escaping made it longer.
    """
    flat = one_line(text)
    budget = limit
    while True:
        escaped = discord.utils.escape_markdown(_escape_references(clip(flat, budget)))
        if len(escaped) <= limit or budget <= 1:
            return escaped[:limit]
        budget -= max(1, len(escaped) - limit)


def _escape_references(text: str) -> str:
    # discord.py escapes only ids of 17 to 20 digits, but Discord renders `<@&123>` or `<#1>` as
    # a (deleted) role or channel pill too; a zero-width space after `<@`, `<#`, `</` stops all.
    return discord.utils.escape_mentions(_REFERENCE.sub("<\\1\u200b", text))


def _escape_article_text(text: str) -> str:
    # Article text is ours, but a stray `*` or `_` in a quote must not turn into formatting.
    return discord.utils.escape_markdown(text)


def long_date(meta: ArticleMeta) -> str:
    """Return the article's date as '31 October 2024' ("" for an undated article)."""
    return f"{meta.date.day} {meta.date:%B %Y}" if meta.date else ""


def source_line(metas: Sequence[ArticleMeta]) -> str:
    """Return the footer line naming the source(s) and date(s) of an answer."""
    parts = []
    for meta in metas:
        pieces = [meta.outlet] if meta.outlet else []
        pieces.append(f"“{meta.title}”" + (" (our title)" if meta.title_is_ours else ""))
        if meta.date:
            pieces.append(long_date(meta))
        parts.append(" · ".join(pieces))
    return clip("Source: " + "; ".join(parts), EMBED_FOOTER_LIMIT) if parts else ""


def _cited_metas(
    citations: Iterable[Citation], sources: Mapping[str, ArticleMeta]
) -> list[ArticleMeta]:
    seen: dict[str, ArticleMeta] = {}
    for citation in citations:
        meta = sources.get(citation.article)
        if meta is not None and meta.id not in seen:
            seen[meta.id] = meta
    return list(seen.values())


def _fit_total(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields, then trim the description, until the embed fits 6,000 characters."""
    dropped = 0
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
        dropped += 1
    if dropped:
        note = f"{dropped} more not shown"
        if len(embed) + len(note) + 1 <= EMBED_TOTAL_LIMIT:
            embed.add_field(name="…", value=note, inline=False)
    overflow = len(embed) - EMBED_TOTAL_LIMIT
    if overflow > 0 and embed.description:
        embed.description = clip(embed.description, max(1, len(embed.description) - overflow))
    return embed


def answer_embed(answer: Answer, sources: Mapping[str, ArticleMeta]) -> discord.Embed:
    """Render an answer (or a decline) as one embed.

    An answer shows the short answer with numbered footnote markers, one field per cited quote
    with its paragraph number, and the source and date in the footer. A decline says the article
    does not cover the question and lists the suggestions (the caller adds them as buttons too).

    Args:
        answer: The engine's answer.
        sources: Article metadata by article id, for the footer and field names.
    """
    if not answer.answered:
        return decline_embed(answer, sources)
    citations = answer.citations
    metas = _cited_metas(citations, sources)
    several = len(metas) > 1
    markers = " ".join(f"[{number}]" for number in range(1, len(citations) + 1))
    text = _escape_article_text(answer.text)
    body_limit = EMBED_DESCRIPTION_LIMIT - len(markers) - 1
    description = clip(text, body_limit) + (f" {markers}" if markers else "")
    embed = discord.Embed(
        title="Q: " + escape_user_text(answer.question, EMBED_TITLE_LIMIT - 3),
        description=description,
        colour=ANSWER_COLOUR,
    )
    shown = citations[:EMBED_FIELD_COUNT_LIMIT]
    if len(citations) > EMBED_FIELD_COUNT_LIMIT:
        shown = citations[: EMBED_FIELD_COUNT_LIMIT - 1]
    for number, citation in enumerate(shown, start=1):
        name = f"[{number}] Paragraph {citation.paragraph}"
        meta = sources.get(citation.article)
        if several and meta is not None:
            name = f"{name} of “{meta.title}”"
        value = "> " + clip(
            _escape_article_text(one_line(citation.quote)), EMBED_FIELD_VALUE_LIMIT - 2
        )
        embed.add_field(name=clip(name, EMBED_FIELD_NAME_LIMIT), value=value, inline=False)
    if len(citations) > len(shown):
        embed.add_field(
            name="…", value=f"{len(citations) - len(shown)} more citations not shown", inline=False
        )
    footer = source_line(metas)
    if footer:
        embed.set_footer(text=footer)
    if len(metas) == 1 and metas[0].url:
        embed.url = metas[0].url
    return _fit_total(embed)


def decline_embed(answer: Answer, sources: Mapping[str, ArticleMeta]) -> discord.Embed:
    """Render a decline: the article does not cover the question; here is what it does cover."""
    question = escape_user_text(answer.question, 300)
    title = "Not covered by the article"
    if answer.text == THANKS_TEXT:
        # A "thanks!" gets a thank-you, not a notice that the article does not cover it.
        title, lines = "You're welcome!", ["Ask me anything else about the article."]
    else:
        lines = [
            f"The article does not cover “{question}”."
            if question
            else "I didn't catch a question."
        ]
        # The engine's generic sentences would only repeat the line above; a gap note says more.
        detail = answer.text.strip()
        for generic in (DECLINE_TEXT, EMPTY_TEXT):
            detail = detail.removeprefix(generic).strip()
        if detail:
            lines.append(_escape_article_text(detail))
    if answer.suggestions:
        lines.append("")
        lines.append("You could ask:")
        lines.extend(f"• {_escape_article_text(one_line(s))}" for s in answer.suggestions[:5])
    embed = discord.Embed(
        title=title,
        description=clip("\n".join(lines), EMBED_DESCRIPTION_LIMIT),
        colour=DECLINE_COLOUR,
    )
    footer = source_line(list(sources.values())[:1])
    if footer:
        embed.set_footer(text=footer)
    return _fit_total(embed)


def suggestion_custom_id(question: str) -> str:
    """Return a button custom_id (at most 100 characters) that stands for `question`.

    Short questions travel inside the id, so clicks keep working after a restart; longer ones
    travel as a hash that `bot.buttons` resolves from the questions the engine knows.
    """
    if len(SUGGESTION_ID_PREFIX) + len(question) <= CUSTOM_ID_LIMIT:
        return SUGGESTION_ID_PREFIX + question
    return SUGGESTION_HASH_PREFIX + question_hash(question)


def question_hash(question: str) -> str:
    """Return the short stable hash used in custom_ids of long suggestions."""
    return hashlib.sha256(question.encode("utf-8")).hexdigest()[:20]


def button_label(question: str) -> str:
    """Return a button label for a suggested question (at most 80 characters)."""
    return clip(one_line(question), BUTTON_LABEL_LIMIT) or "Ask"


def autocomplete_choices(questions: Iterable[str]) -> list[app_commands.Choice[str]]:
    """Turn suggested questions into at most 25 autocomplete choices that Discord accepts.

    Names and values are at most 100 characters; a longer question is shortened (the engine
    still matches the shortened text), and duplicates are dropped.
    """
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for question in questions:
        text = one_line(question)
        value = clip(text, CHOICE_VALUE_LIMIT)
        if not text or value in seen:
            continue
        seen.add(value)
        choices.append(app_commands.Choice(name=clip(text, CHOICE_NAME_LIMIT), value=value))
        if len(choices) == CHOICE_COUNT_LIMIT:
            break
    return choices


def source_embed(article: Article) -> discord.Embed:
    """Render an article's metadata for `/source`."""
    meta = article.meta
    title = meta.title + (" (title ours)" if meta.title_is_ours else "")
    embed = discord.Embed(title=clip(title, EMBED_TITLE_LIMIT), colour=ANSWER_COLOUR)
    if meta.url:
        embed.url = meta.url
    embed.add_field(name="Outlet", value=clip(meta.outlet or "unknown", 1024), inline=True)
    embed.add_field(name="Author", value=clip(meta.author or "not named", 1024), inline=True)
    embed.add_field(name="Date", value=long_date(meta) or "not given", inline=True)
    embed.add_field(name="Paragraphs", value=str(len(article.paragraphs)), inline=True)
    if meta.cites:
        cites = "\n".join(f"• {_escape_article_text(c)}" for c in meta.cites)
        embed.add_field(name="Cites", value=clip(cites, EMBED_FIELD_VALUE_LIMIT), inline=False)
    embed.set_footer(text="Use /source paragraph:<number> to read one paragraph.")
    return _fit_total(embed)


def paragraph_embed(article: Article, number: int) -> discord.Embed:
    """Render one paragraph of an article (caller checks that `number` exists)."""
    paragraph = article.paragraphs[number - 1]
    embed = discord.Embed(
        title=clip(f"Paragraph {number} of {len(article.paragraphs)}", EMBED_TITLE_LIMIT),
        description=clip(_escape_article_text(paragraph.text), EMBED_DESCRIPTION_LIMIT),
        colour=ANSWER_COLOUR,
    )
    footer = source_line([article.meta])
    if footer:
        embed.set_footer(text=footer)
    if article.meta.url:
        embed.url = article.meta.url
    return _fit_total(embed)


def no_such_paragraph(number: int, count: int) -> str:
    """Return the notice for a paragraph number outside the article (huge ones are not echoed)."""
    shown = f"{number:,}" if abs(number) < 1_000_000 else "with that number"
    return f"There is no paragraph {shown}: the article has paragraphs 1 to {count}."


def facts_embed(topics: Mapping[str, Sequence[str]]) -> discord.Embed:
    """Render what the bot can answer, grouped by topic (at most 25 fields)."""
    embed = discord.Embed(
        title="What I can answer",
        description="Questions about the article, grouped by topic. Ask with /ask or mention me.",
        colour=ANSWER_COLOUR,
    )
    items = list(topics.items())
    shown = items if len(items) <= EMBED_FIELD_COUNT_LIMIT else items[: EMBED_FIELD_COUNT_LIMIT - 1]
    for topic, questions in shown:
        lines: list[str] = []
        used = 0
        for question in questions:
            line = "• " + clip(_escape_article_text(one_line(question)), 200)
            if used + len(line) + 1 > EMBED_FIELD_VALUE_LIMIT:
                break
            lines.append(line)
            used += len(line) + 1
        value = "\n".join(lines) or "—"
        embed.add_field(
            name=clip(one_line(topic) or "Other", EMBED_FIELD_NAME_LIMIT), value=value, inline=False
        )
    if len(items) > len(shown):
        embed.add_field(name="…", value=f"{len(items) - len(shown)} more topics", inline=False)
    return _fit_total(embed)


def help_embed(prefix: str, *, retention_days: int = 90) -> discord.Embed:
    """Render `/help`: every way to ask, mentioning prefix commands only when enabled."""
    lines = [
        "I answer questions about news articles, quoting the paragraphs I rely on.",
        "",
        "**/ask** `question:` — ask a question (`private: True` shows the answer only to you; "
        "`article:` asks one article)",
        "**/source** — an article's outlet, author and date; `paragraph:` shows one paragraph",
        "**/facts** — what I can answer, grouped by topic",
        "**/article** — moderators (Manage Server): add, list, remove articles; `report` shows "
        "what I could not answer; `forget` deletes this server's data",
        "**/help** — this message",
        "",
        "You can also mention me with a question, or send me a direct message. Under each "
        "answer, 👍 / 👎 tell the moderators how I did, and **Explain** shows why I answered.",
        "",
        f"**Privacy:** I store the questions I could not answer and the answers you vote on "
        f"(question, answer, vote), with the server, for {retention_days} days; never your "
        "name, only a one-way hash of your user id. Nothing else you ask is stored. Moderators "
        "delete a server's data with `/article forget`.",
    ]
    if prefix:
        shown = discord.utils.escape_markdown(prefix)
        lines.append(
            f"Prefix commands: `{shown}ask <question>`, `{shown}source [paragraph]`, "
            f"`{shown}facts`, `{shown}help`."
        )
    return discord.Embed(
        title="How to ask",
        description=clip("\n".join(lines), EMBED_DESCRIPTION_LIMIT),
        colour=ANSWER_COLOUR,
    )


def too_long_notice(length: int, limit: int) -> str:
    """Return the notice for a question over the length cap."""
    return (
        f"That question is {length:,} characters long; please keep it under {limit:,} "
        "characters and ask again."
    )


def empty_question_notice() -> str:
    """Return the notice for a message with no question in it."""
    return "Ask me a question about the article; /facts lists what I can answer."


def cooldown_notice(retry_after: float) -> str:
    """Return the one polite notice a user gets when asking too fast."""
    seconds = max(1, round(retry_after))
    unit = "second" if seconds == 1 else "seconds"
    return (
        f"You're asking quickly! Please wait {seconds} {unit} before your next question; "
        "I'll quietly skip questions until then."
    )


_ESCAPED: Final = re.compile(r"\\([\\*_~|`>#\-\[\]()])")
_DECLINED_QUESTION: Final = re.compile(r"^The article does not cover “(?P<question>.*)”\.$", re.M)


def question_of(message: discord.Message | None) -> str:
    """The question an answer message shows (its title, or a decline's first line), unescaped.

    Buttons on messages from before a restart find their question here.
    """
    if message is None or not message.embeds:
        return ""
    embed = message.embeds[0]
    shown = ""
    if embed.title and embed.title.startswith("Q: "):
        shown = embed.title.removeprefix("Q: ")
    elif embed.description:
        found = _DECLINED_QUESTION.search(embed.description)
        shown = found["question"] if found else ""
    plain = _ESCAPED.sub(r"\1", shown).replace("\u200b", "")
    return plain.removesuffix(ELLIPSIS).strip()


def no_such_article(article: str) -> str:
    """The notice for an `article:` this server does not have."""
    shown = escape_user_text(article, 100)
    return f"There is no article “{shown}” here. `/article list` shows the articles I know."
