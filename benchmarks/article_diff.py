"""Show which questions of the `kb add` article sets an engine change fixes or breaks.

`answer_diff` does this for the curated Kursk article; this does it for the articles in
`benchmarks/articles/`, each added to an empty folder as `article_bench` adds it. Sets listed in
`benchmarks/articles/unseen.toml` (nobody has looked at their failures) are left out unless asked
for by name, so that tuning never looks at them:

    .venv/bin/python -m benchmarks.article_diff save /tmp/before.json
    # ... edit knowledge/ ...
    .venv/bin/python -m benchmarks.article_diff compare /tmp/before.json

It prints the mean accuracy of the sets and, on `compare`, every question judged differently.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Final

from benchmarks.answer_diff import Snapshot, compare
from benchmarks.article_bench import ARTICLES, _options
from benchmarks.evaluation import evaluate, load_cases

UNSEEN: Final = ARTICLES / "unseen.toml"
_WORKERS: Final = 2


def unseen() -> set[str]:
    """The sets nobody has looked at the failures of (`unseen.toml`)."""
    if not UNSEEN.exists():
        return set()
    return set(tomllib.loads(UNSEEN.read_text(encoding="utf-8")).get("ids", []))


def judged(article_id: str) -> Snapshot:
    """Add one article to an empty folder and judge its set: "id|question" -> (right, answer)."""
    from knowledge.answering import Engine  # noqa: PLC0415 - each worker loads its own
    from knowledge.building.adding import add_sources  # noqa: PLC0415
    from knowledge.loading import load_knowledge_base  # noqa: PLC0415

    text = ARTICLES / f"{article_id}.txt"
    with tempfile.TemporaryDirectory() as folder:
        with contextlib.redirect_stdout(io.StringIO()):
            add_sources(Path(folder), [str(text)], _options(text.with_suffix(".toml")))
        engine = Engine(load_knowledge_base(Path(folder)))
        cases = load_cases(text.with_suffix(".questions.toml"))
        return {
            f"{article_id}|{v.case.text}": (v.right, v.answer.text)
            for v in evaluate(cases, engine.answer)
        }


def snapshot(article_ids: list[str]) -> Snapshot:
    """Judge every question of the given sets, two articles at a time."""
    verdicts: Snapshot = {}
    with ProcessPoolExecutor(_WORKERS) as pool:
        for one in pool.map(judged, article_ids):
            verdicts.update(one)
    return verdicts


def mean_accuracy(verdicts: Snapshot) -> float:
    """The mean over the sets of each set's share of questions judged right."""
    by_set: dict[str, list[bool]] = {}
    for key, (right, _) in verdicts.items():
        by_set.setdefault(key.split("|", 1)[0], []).append(right)
    return statistics.mean(sum(rights) / len(rights) for rights in by_set.values())


def main(argv: list[str] | None = None) -> int:
    """Save the verdicts of the engine as it is now, or compare them with saved ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("ids", nargs="*", help="article ids (default: every set not unseen)")
    args = parser.parse_args(argv)
    every = sorted(p.stem for p in ARTICLES.glob("*.txt"))
    ids = args.ids or [i for i in every if i not in unseen()]
    now = snapshot(ids)
    print(f"{len(ids)} sets, mean accuracy {mean_accuracy(now):.2%}", file=sys.stderr)
    if args.action == "save":
        args.file.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} verdicts saved to {args.file}", file=sys.stderr)
        return 0
    compare(args.file, now)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
