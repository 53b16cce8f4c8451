"""Command-line front ends: `ask` (text, --json, --jsonl), `kb check` and `kb add`'s report.

Nothing here imports discord.py, so these commands start fast and work without a token.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, BinaryIO, Final, TextIO

from knowledge import Answer, Engine, KnowledgeBase
from knowledge.loading import sentence_count, uncovered_sentences

if TYPE_CHECKING:
    from knowledge.building.adding import Added

EXIT_OK: Final = 0
EXIT_PROBLEMS: Final = 1


def format_answer(answer: Answer) -> str:
    """Render an answer as plain text: the answer with numbered citations, or the decline."""
    if not answer.answered:
        lines = [answer.text]
        if answer.suggestions:
            lines.append("You could ask:")
            lines.extend(f"  - {suggestion}" for suggestion in answer.suggestions)
        return "\n".join(lines)
    markers = "".join(f"[{number}]" for number in range(1, len(answer.citations) + 1))
    lines = [f"{answer.text} {markers}".rstrip(), ""]
    lines.extend(
        f"[{number}] {citation.article}, paragraph {citation.paragraph}: “{citation.quote}”"
        for number, citation in enumerate(answer.citations, start=1)
    )
    return "\n".join(lines)


def protocol_line(answer: Answer) -> str:
    """Return the `ask --jsonl` line for an answer (one JSON object, no newline)."""
    payload = answer.protocol_dict()
    if not answer.answered and answer.suggestions:
        payload["answer"] = f"{answer.text} You could ask: " + " / ".join(answer.suggestions)
    return json.dumps(payload, ensure_ascii=False)


def ask_one(engine: Engine, question: str, *, as_json: bool, out: TextIO) -> int:
    """Answer one question on `out`, as text or as one JSON object."""
    answer = engine.answer(question)
    out.write((protocol_line(answer) if as_json else format_answer(answer)) + "\n")
    return EXIT_OK


def ask_stream(engine: Engine, lines: Iterable[bytes], out: BinaryIO) -> int:
    """Answer one question per input line, writing one JSON line each, flushed, in order.

    Input is read as bytes and decoded leniently, so no line (invalid UTF-8, NUL bytes, a
    megabyte of junk) can stop the stream.
    """
    for raw in lines:
        question = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        out.write(protocol_line(engine.answer(question)).encode("utf-8") + b"\n")
        out.flush()
    return EXIT_OK


def check_knowledge(kb: KnowledgeBase, out: TextIO) -> int:
    """Report the fact base's size and citation coverage; exit 1 if a sentence is uncited."""
    total = sentence_count(kb.articles.values())
    missing = uncovered_sentences(kb)
    gaps = sum(len(article_gaps) for article_gaps in kb.gaps.values())
    out.write(
        f"fact base OK: {len(kb.articles)} article(s), {len(kb.facts)} facts, {gaps} gaps\n"
        f"coverage: {total - len(missing)}/{total} sentences cited by at least one fact\n"
    )
    for article in kb.articles.values():
        cited = sum(1 for fact in kb.facts if fact.article == article.id)
        out.write(f"  {article.id}: {len(article.paragraphs)} paragraphs, {cited} facts\n")
    for sentence in missing:
        out.write(
            f"problem: paragraph {sentence.paragraph}, sentence {sentence.index} is not cited "
            f"by any fact: {sentence.text[:80]!r}\n"
        )
    return EXIT_PROBLEMS if missing else EXIT_OK


def _listing(label: str, items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit]) + (
        f" and {len(items) - limit} more" if len(items) > limit else ""
    )
    return f"  {label} ({len(items)}): {shown or '-'}\n"


def report_added(added: Iterable[Added], kb: KnowledgeBase, out: TextIO) -> int:
    """Print what `kb add` built for each article, then `kb check`'s verdict on the folder."""
    for item in added:
        report = item.report
        state = "added" if item.changed else "unchanged (already in the folder)"
        out.write(
            f"{item.id}: {state} from {item.origin}\n"
            f"  {report.paragraphs} paragraphs, {report.sentences} sentences, "
            f"{report.facts} facts\n"
        )
        out.write(_listing("people", report.people))
        out.write(_listing("organisations", report.organisations))
        out.write(_listing("places", report.places))
        out.write(_listing("figures", report.figures))
        out.write(_listing("dates", report.dates))
        out.write(_listing("speakers", report.speakers))
        for path in item.kept:
            out.write(f"  kept your edited {path} (delete it to regenerate)\n")
    return check_knowledge(kb, out)
