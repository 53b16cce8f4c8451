"""Show which benchmark questions an engine change fixes or breaks.

Save a snapshot of how every question in `benchmarks/holdout*.toml` and the dev set is judged,
change the engine, then compare:

    .venv/bin/python -m benchmarks.answer_diff save /tmp/before.json
    # ... edit knowledge/ ...
    .venv/bin/python -m benchmarks.answer_diff compare /tmp/before.json

Rankings can hinge on small score differences, so a phrasing added to one fact may move
questions between facts; this lists every question whose verdict changed, so such shifts are
seen in review rather than found later.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Final

from benchmarks.evaluation import evaluate, load_cases
from knowledge import Engine, load_knowledge_base

ROOT: Final = Path(__file__).resolve().parent.parent
QUESTION_FILES: Final = (
    ROOT / "tests" / "knowledge" / "questions.toml",
    *sorted((ROOT / "benchmarks").glob("holdout*.toml")),
)

Snapshot = dict[str, tuple[bool, str]]


def snapshot() -> Snapshot:
    """Judge every question: "set|question" -> (judged right, the answer's text)."""
    engine = Engine(load_knowledge_base())
    verdicts: Snapshot = {}
    for path in QUESTION_FILES:
        for verdict in evaluate(load_cases(path), engine.answer):
            verdicts[f"{path.stem}|{verdict.case.text}"] = (verdict.right, verdict.answer.text)
    return verdicts


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Return one line per question judged differently in `after` than in `before`."""
    lines = []
    for key, (right, _) in before.items():
        if key in after and after[key][0] != right:
            status = "FIXED" if after[key][0] else "BROKE"
            lines.append(f"{status} {key} => {after[key][1][:100]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Save a snapshot, or compare the engine as it is now with a saved one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    now = snapshot()
    if args.action == "save":
        args.file.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} verdicts saved to {args.file}")
        return 0
    compare(args.file, now)
    return 0


def compare(saved_file: Path, now: Snapshot) -> None:
    """Print every question judged differently now than in `saved_file`, and the counts."""
    saved = {key: (bool(v[0]), str(v[1])) for key, v in json.loads(saved_file.read_text()).items()}
    lines = changes(saved, now)
    print("\n".join(lines) if lines else "no verdict changed")
    fixed = sum(line.startswith("FIXED") for line in lines)
    print(f"{fixed} fixed, {len(lines) - fixed} broken", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
