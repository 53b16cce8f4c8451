"""Engines for a library of articles: a base knowledge folder plus articles kept elsewhere.

A Discord server sees the operator's articles (a knowledge folder) and its own, which live in a
database as the same files `kb add` writes. The two are composed into one folder in a temporary
directory and loaded like any other, so a server's articles are validated and answered exactly
as a folder's are, and the content-keyed engine cache serves both.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from knowledge.answering import Engine
from knowledge.caching import load_engine
from knowledge.loading import DEFAULT_DIRECTORY, KnowledgeBaseError

_FOLDERS: Final = ("articles", "facts", "lexicon")


def base_article_ids(base: Path | None) -> frozenset[str]:
    """The ids of the articles in the knowledge folder `base` (None: the packaged one)."""
    folder = (DEFAULT_DIRECTORY if base is None else base) / "articles"
    return frozenset(path.stem for path in folder.glob("*.txt"))


def library_engine(
    base: Path | None, files: Mapping[str, str], *, cache_directory: Path | None = None
) -> Engine:
    """Return the engine answering from the folder `base` plus `files`.

    Args:
        base: A knowledge folder; None is the packaged one.
        files: More articles' files by path relative to a knowledge folder
            (`articles/<id>.txt`, `articles/<id>.toml`, `facts/<id>.toml`, `lexicon/<id>.toml`).
        cache_directory: Where built engines are kept; None disables the cache.

    Raises:
        KnowledgeBaseError: The composed folder does not load (a bad file, a clashing id).
    """
    base = DEFAULT_DIRECTORY if base is None else base
    if not files:
        return load_engine(base, cache_directory=cache_directory)
    # An article of `files` replaces one of `base` with the same id (the operator may add,
    # later, an article a server already has under that id: the server keeps its own).
    replaced = {Path(name).stem for name in files}
    with tempfile.TemporaryDirectory(prefix="newsbot-library-") as temporary:
        folder = Path(temporary)
        for name in _FOLDERS:
            (folder / name).mkdir()
            if (base / name).is_dir():
                for path in (base / name).iterdir():
                    if path.is_file() and path.stem not in replaced:
                        shutil.copy2(path, folder / name / path.name)
        for name, content in files.items():
            path = (folder / name).resolve()
            if path.parent.parent != folder.resolve() or path.parent.name not in _FOLDERS:
                raise KnowledgeBaseError(name, "not a knowledge folder file")
            path.write_text(content, encoding="utf-8")
        return load_engine(folder, cache_directory=cache_directory)
