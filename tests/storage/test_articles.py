"""A server's articles: stored whole, replaced whole, listed in order, and revisioned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage import ArticleSummary, StorageError, Store, StoredArticle
from tests.storage.tables import stored_rows

GUILD = 1_234_567_890_123_456_789
OTHER_GUILD = 2**63 - 1
ADDED = datetime(2025, 2, 1, 9, 30, 15, 123456, tzinfo=UTC)
# Text a curator could write: accents, CJK, emoji, a combining accent, CRLF, tabs, trailing blanks.
TEXT = "Café «Zürich» — 東京 🚀 e\u0301\r\nsecond line\twith a tab  \n\nlast paragraph\n"


def article(
    article_id: str = "flood",
    *,
    guild_id: int = GUILD,
    title: str = "Flood in Halberg",
    added_at: datetime = ADDED,
    files: dict[str, str] | None = None,
) -> StoredArticle:
    return StoredArticle(
        guild_id=guild_id,
        article_id=article_id,
        title=title,
        origin=f"https://example.com/{article_id}.html",
        added_at=added_at,
        added_by="0f" * 16,
        files=files
        if files is not None
        else {
            f"articles/{article_id}.txt": TEXT,
            f"articles/{article_id}.toml": f'id = "{article_id}"\ntitle = "Flood"\n',
            f"facts/{article_id}.toml": '# generated\n[[fact]]\nid = "f1"\n',
            f"lexicon/{article_id}.toml": "",
        },
    )


async def test_an_article_round_trips_with_its_files_exactly(store: Store, url: str) -> None:
    added = article()
    await store.put_article(added)

    assert await store.list_articles(GUILD) == [
        ArticleSummary(GUILD, "flood", "Flood in Halberg", added.origin, ADDED)
    ]
    assert await store.article(GUILD, "flood") == added
    assert await store.articles_of(GUILD) == [added]
    stored = await store.article(GUILD, "flood")
    assert stored is not None
    assert stored.files["articles/flood.txt"].encode() == TEXT.encode()
    assert stored.added_at.tzinfo is not None and stored.added_at == ADDED

    assert await store.remove_article(GUILD, "flood") is True
    assert await store.remove_article(GUILD, "flood") is False
    assert await store.list_articles(GUILD) == []
    assert await store.article(GUILD, "flood") is None
    assert (await stored_rows(url))["article_files"] == []


async def test_an_article_without_files_is_kept(store: Store) -> None:
    await store.put_article(article(files={}))
    assert await store.articles_of(GUILD) == [article(files={})]


async def test_replacing_an_article_keeps_one_copy_with_only_the_new_files(store: Store) -> None:
    await store.put_article(article())
    newer = article(
        title="Flood in Halberg (updated)",
        added_at=ADDED + timedelta(hours=1),
        files={"articles/flood.txt": "new text\n", "facts/flood.toml": ""},
    )
    await store.put_article(newer)

    assert await store.articles_of(GUILD) == [newer]
    assert [a.title for a in await store.list_articles(GUILD)] == ["Flood in Halberg (updated)"]


async def test_a_failed_put_leaves_the_server_as_it_was(store: Store) -> None:
    original = article()
    await store.put_article(original)
    before = await store.revisions()
    # The empty path breaks a database constraint after the article row was already written.
    broken_files = {"articles/flood.txt": "half-written", "": "bad"}

    with pytest.raises(StorageError, match="storing an article"):
        await store.put_article(article(title="Broken", files=broken_files))
    with pytest.raises(StorageError, match="storing an article"):
        await store.put_article(article("storm", files=broken_files))

    assert await store.articles_of(GUILD) == [original]
    assert await store.revisions() == before


async def test_input_that_cannot_be_stored_alike_everywhere_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.put_article(article(added_at=datetime(2025, 1, 1)))
    with pytest.raises(ValueError, match="NUL"):
        await store.put_article(article(files={"articles/flood.txt": "a\x00b"}))
    assert await store.list_articles(GUILD) == []


async def test_articles_belong_to_their_server_and_list_oldest_first(store: Store) -> None:
    late = article("late", added_at=ADDED + timedelta(days=2))
    early = article("early", added_at=ADDED)
    same_id_elsewhere = article("late", guild_id=OTHER_GUILD, title="Another server's")
    for added in (late, early, same_id_elsewhere):
        await store.put_article(added)

    assert [a.article_id for a in await store.list_articles(GUILD)] == ["early", "late"]
    assert await store.articles_of(GUILD) == [early, late]
    assert await store.articles_of(OTHER_GUILD) == [same_id_elsewhere]
    assert await store.list_articles(42) == []

    assert await store.remove_article(OTHER_GUILD, "late") is True
    assert await store.articles_of(GUILD) == [early, late]


async def test_every_change_to_a_server_raises_its_revision(store: Store) -> None:
    assert await store.revisions() == {}
    seen: list[int] = []

    async def revision_after_change() -> int:
        revision = (await store.revisions())[GUILD]
        assert all(revision > earlier for earlier in seen)
        seen.append(revision)
        return revision

    await store.put_article(article())
    await revision_after_change()
    await store.put_article(article(title="Replaced"))
    await revision_after_change()
    await store.set_default_article(GUILD, "flood")
    await revision_after_change()
    await store.set_default_article(GUILD, None)
    await revision_after_change()

    await store.put_article(article(guild_id=OTHER_GUILD))
    other = (await store.revisions())[OTHER_GUILD]
    assert (await store.revisions())[GUILD] == seen[-1]

    await store.remove_article(GUILD, "flood")
    await revision_after_change()
    assert await store.remove_article(GUILD, "flood") is False
    assert await store.revisions() == {GUILD: seen[-1], OTHER_GUILD: other}


async def test_the_default_article_is_set_changed_unset_and_dropped_with_its_article(
    store: Store,
) -> None:
    assert await store.default_article(GUILD) is None
    await store.put_article(article("flood"))
    await store.put_article(article("storm"))

    await store.set_default_article(GUILD, "flood")
    assert await store.default_article(GUILD) == "flood"
    assert await store.default_article(OTHER_GUILD) is None
    await store.set_default_article(GUILD, "storm")
    assert await store.default_article(GUILD) == "storm"
    await store.set_default_article(GUILD, None)
    assert await store.default_article(GUILD) is None

    await store.set_default_article(GUILD, "storm")
    await store.remove_article(GUILD, "flood")
    assert await store.default_article(GUILD) == "storm"
    await store.remove_article(GUILD, "storm")
    assert await store.default_article(GUILD) is None
