"""Score an answerer on a question file: answered right with a right citation, or declined."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from knowledge.models import Answer


@dataclass(frozen=True)
class Case:
    """One labelled question."""

    text: str
    expect: str
    kind: str
    paragraphs: tuple[int, ...]
    must_include: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """How one answer was judged."""

    case: Case
    answer: Answer
    right: bool
    cited: bool


def load_cases(path: Path) -> list[Case]:
    """Read a question file (`[[q]]` tables with text, expect, paragraphs, must_include, kind)."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return [
        Case(
            text=q["text"],
            expect=q["expect"],
            kind=q.get("kind", ""),
            paragraphs=tuple(q.get("paragraphs", ())),
            must_include=tuple(q.get("must_include", ())),
        )
        for q in raw["q"]
    ]


def judge(case: Case, answer: Answer) -> Verdict:
    """Judge an answer: a decline must decline; an answer must hold a key and cite a paragraph."""
    if case.expect == "decline":
        return Verdict(case, answer, right=not answer.answered, cited=True)
    text = answer.text.casefold()
    has_key = not case.must_include or any(k.casefold() in text for k in case.must_include)
    cited = any(c.paragraph in case.paragraphs for c in answer.citations)
    return Verdict(case, answer, right=answer.answered and has_key and cited, cited=cited)


def short_answer(answer: Answer) -> str:
    """The short answer an answer leads with ("About 3,500 residents, according to ..."), or ""."""
    if not answer.answered or not answer.citations:
        return ""
    start = answer.text.find(answer.citations[0].quote[:40])
    return answer.text[:start] if start > 0 else ""


def lead_share(verdicts: list[Verdict]) -> tuple[int, int]:
    """Of the right answers that lead with a short answer, how many lead with the expected key.

    The judge accepts an answer whose cited sentence holds the key, so a wrong figure in front
    of the right sentence ("30 million" for the 12 million asked about) passes it; this counts
    that separately. Returns (short answers holding a key, right answers with a short answer).
    """
    led = good = 0
    for verdict in verdicts:
        lead = short_answer(verdict.answer).casefold()
        if not verdict.right or not lead or not verdict.case.must_include:
            continue
        led += 1
        good += any(key.casefold() in lead for key in verdict.case.must_include)
    return good, led


def evaluate(cases: list[Case], ask: Callable[[str], Answer]) -> list[Verdict]:
    """Ask every case and judge it."""
    return [judge(case, ask(case.text)) for case in cases]


def summary(verdicts: list[Verdict]) -> dict[str, float]:
    """Overall, answerable and unanswerable accuracy (fractions)."""
    answerable = [v for v in verdicts if v.case.expect == "answer"]
    unanswerable = [v for v in verdicts if v.case.expect == "decline"]

    def share(items: list[Verdict]) -> float:
        return sum(v.right for v in items) / len(items) if items else 1.0

    return {
        "overall": share(verdicts),
        "answerable": share(answerable),
        "unanswerable": share(unanswerable),
        "count": float(len(verdicts)),
    }


def by_kind(verdicts: list[Verdict]) -> dict[str, tuple[int, int]]:
    """Right and total per kind of question."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for v in verdicts:
        total[v.case.kind] += 1
        right[v.case.kind] += v.right
    return {kind: (right[kind], total[kind]) for kind in sorted(total)}
