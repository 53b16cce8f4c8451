"""A start-up cache for the built engine, so one-question commands start fast.

Building the engine (validating the fact base, normalising every phrasing, indexing) takes tens
of milliseconds; unpickling the result takes two. The cache key is a hash of every data file
*and* of the engine's own source, so any change to either rebuilds from scratch, with full
validation. The cache is an optimisation only: any problem reading or writing it is logged at
debug level and the engine is built the normal way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Final

from knowledge.answering import Engine
from knowledge.loading import DEFAULT_DIRECTORY, VOCABULARY_DIRECTORY, load_knowledge_base

log = logging.getLogger(__name__)

_DATA_FOLDERS: Final = ("articles", "facts", "lexicon")
_CODE_DIRECTORY: Final = Path(__file__).resolve().parent
# Engines kept in the cache: a few folders (the packaged one, KNOWLEDGE_DIR, a test's) at once.
_KEPT: Final = 8


def default_cache_directory() -> Path:
    """Return `$XDG_CACHE_HOME/newsbot` (or `~/.cache/newsbot`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsbot"


def fingerprint(directory: Path) -> str:
    """Hash the knowledge folder's files, the general vocabulary and the engine's source code."""
    digest = hashlib.sha256()
    files = sorted(p for folder in _DATA_FOLDERS for p in (directory / folder).rglob("*"))
    files += sorted(VOCABULARY_DIRECTORY.rglob("*"))
    files += sorted(_CODE_DIRECTORY.glob("*.py"))
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(path.parents[1])).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load_engine(directory: Path | None = None, *, cache_directory: Path | None = None) -> Engine:
    """Return an engine for the fact base in `directory`, from the cache when it is current.

    Args:
        directory: The knowledge folder; None is the one shipped with the package.
        cache_directory: Where built engines are kept; None disables the cache.

    Raises:
        KnowledgeBaseError: The fact base is invalid (never raised from a cached copy, which
            exists only for fact bases that were valid).
    """
    directory = DEFAULT_DIRECTORY if directory is None else directory
    if cache_directory is None:
        return Engine(load_knowledge_base(directory))
    try:
        path = cache_directory / f"engine-{fingerprint(directory)}.pickle"
    except OSError as error:
        log.debug("engine cache unavailable: %s", error)
        return Engine(load_knowledge_base(directory))
    engine = _read(path)
    if engine is not None:
        return engine
    engine = Engine(load_knowledge_base(directory))
    _write(path, engine)
    return engine


def _read(path: Path) -> Engine | None:
    try:
        with path.open("rb") as handle:
            engine = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as error:
        log.debug("ignoring unreadable engine cache %s: %s", path, error)
        return None
    return engine if isinstance(engine, Engine) else None


def _write(path: Path, engine: Engine) -> None:
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(engine, out, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)  # atomic: a reader sees the old file or the new one
        temporary = None
        _forget_old(path.parent, keep=path)
    except Exception as error:
        log.debug("could not write the engine cache %s: %s", path, error)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _forget_old(directory: Path, *, keep: Path) -> None:
    """Delete all but the newest `_KEPT` engines: every edit of a folder writes a new one."""
    engines = sorted(
        (p for p in directory.glob("engine-*.pickle") if p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in engines[_KEPT - 1 :]:
        old.unlink(missing_ok=True)
