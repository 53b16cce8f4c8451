"""The gated classifier patterns decide exactly as the patterns they gate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.evaluation import load_cases
from knowledge import classifying
from knowledge.normalizing import normalize

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = sorted(
    {
        normalize(case.text)
        for path in (
            ROOT / "tests" / "knowledge" / "questions.toml",
            *sorted((ROOT / "benchmarks").glob("holdout*.toml")),
        )
        for case in load_cases(path)
    }
)


@pytest.mark.parametrize(
    ("gated", "pattern"),
    [
        (classifying._ATTRIBUTION, classifying._ATTRIBUTION_PATTERN),
        (classifying._OPINION, classifying._OPINION_PATTERN),
        (classifying._AFTERWARDS, classifying._AFTERWARDS_PATTERN),
    ],
)
def test_the_gate_changes_no_decision(gated: re.Pattern[str], pattern: str) -> None:
    plain = re.compile(pattern)
    differing = [q for q in QUESTIONS if bool(gated.search(q)) != bool(plain.search(q))]
    assert not differing, differing[:5]
