"""The builder: source -> article -> facts, when an article is added (`kb add`).

`sourcing` reads a text file, an HTML file or a URL; `generating` turns the article into facts
(with `entities`, `naming` and `phrasing`); `adding` writes them into a knowledge folder all or
nothing. The heavy language processing (spaCy) lives here and is never imported to answer.
"""
