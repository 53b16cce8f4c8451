"""Reading articles from text files, HTML files and URLs (a local HTTP server; loopback only)."""

from __future__ import annotations

import contextlib
import datetime
import http.server
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from knowledge.building import sourcing
from knowledge.building.sourcing import (
    SourceDocument,
    SourceError,
    fetch_url,
    parse_html,
    parse_text,
    read_source,
)

BODY = (
    "About 8,000 soldiers have arrived near the border, officials said on Thursday, in a move "
    "that “raises the stakes” for the region and for its allies.",
    "The defence minister told reporters that the troops had been moved over several weeks "
    "and were expected to take part in exercises with the army.",
    "Officials from neighbouring countries said they were watching the situation closely and "
    "would respond if it was necessary.",
    "The United Nations has called for calm and said it would send observers to the area "
    "within the week, a spokesman said.",
)

_WRAPPED = BODY[1].replace("several weeks", "several\n   weeks")  # wrapped in the source
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Troops arrive at the border | The Daily Example</title>
<link rel="canonical" href="https://news.example.com/world/troops-arrive">
<meta property="og:title" content="Troops arrive at the border">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-10-31T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><h1>Troops arrive at the border</h1></header>
<article>
<p>{BODY[0]}</p>
<p>{_WRAPPED}</p>
<p>Read more: Why the border matters</p>
<blockquote><p>“Raises the stakes for the region!”</p></blockquote>
<p>{BODY[2]}</p>
<p>Sign up for our newsletter to get the news first.</p>
<div class="newsletter"><p>Subscribe to our daily briefing for the top stories.</p></div>
<p>Advertisement</p>
<p>{BODY[3]}</p>
<p>READ MORE</p>
<p>Share this article</p>
</article>
<footer><p>© 2024 The Daily Example. All rights reserved.</p>
<p>Contact us | Privacy policy</p></footer>
</body></html>
"""

PLAIN_TEXT = "Headline of the day\n\n" + "\n\n".join(BODY) + "\n"

NO_TEXT_HTML = """<!DOCTYPE html><html><head><title>Menu</title></head><body>
<nav><a href="/">Home</a> <a href="/a">A</a></nav><div><img src="x.png" alt=""></div>
</body></html>"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

GERMAN = (
    "Die amerikanische Regierung hat am Donnerstag erklärt, dass rund achttausend "
    "nordkoreanische Soldaten in die russische Region Kursk nahe der ukrainischen Grenze "
    "eingedrungen sind, um Russland bei einem Angriff auf die Ukraine zu helfen. Nach Angaben "
    "der Nachrichtenagentur hatte der amerikanische Verteidigungsminister bereits erklärt, dass "
    "einige Truppen in die Region verlegt worden seien. Was in den kommenden Wochen geschieht, "
    "ist unklar, und die ukrainische Armee kontrolliert weiterhin einen Teil des Gebiets, in "
    "dem sie im August eine Offensive begonnen hat."
)

LIMIT = 20_000  # max_bytes for the oversized tests


class _Handler(http.server.BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def _send(self, status: int, content_type: str | None, body: bytes, **headers: str) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: PLR0912 - one branch per test page
        """Serve the test pages."""
        type(self).hosts.append(self.headers.get("Host", ""))
        path = self.path
        if path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
        elif path == "/plain":
            self._send(200, "text/plain; charset=utf-8", PLAIN_TEXT.encode())
        elif path == "/latin1":
            page = "<html><body><p>Café au lait, résumé, naïve.</p></body></html>"
            self._send(200, "text/html; charset=iso-8859-1", page.encode("latin-1"))
        elif path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            target = "/article" if hops <= 1 else f"/redirect/{hops - 1}"
            self._send(302, "text/html", b"", Location=target)
        elif path == "/to-private":
            self._send(301, "text/html", b"", Location="http://10.0.0.1/secret")
        elif path == "/image":
            self._send(200, "image/png", PNG)
        elif path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * (LIMIT * 2) + b"</p>")
        elif path == "/huge-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the body ends when the connection does
            self.wfile.write(b"y" * (LIMIT * 2))
        elif path == "/binary-as-text":
            self._send(200, "text/plain", b"abc\x00def")
        elif path == "/no-text":
            self._send(200, "text/html", NO_TEXT_HTML.encode())
        elif path == "/trickle":
            # Each byte well inside a read timeout; all of them far beyond the whole fetch's.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "40")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
        elif path == "/slow":
            time.sleep(0.6)
            with contextlib.suppress(OSError):  # the client gave up long ago
                self._send(200, "text/plain", b"late")
        else:
            self._send(404, "text/html", b"<p>not here</p>")


@contextlib.contextmanager
def _serve(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """host:port of a local HTTP server with the test pages."""
    with _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)) as address:
        yield address


@pytest.fixture
def hosts() -> Iterator[list[str]]:
    """The Host headers the server received during the test."""
    _Handler.hosts.clear()
    yield _Handler.hosts
    _Handler.hosts.clear()


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Fail any attempt to open a connection."""
    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(args)
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def _resolve_test_host(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Make `name` resolve to 127.0.0.1 (only it); return a log of lookups."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        lookups.append(host)
        if host == name:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", int(port)))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- plain text ----------------------------------------------------------------------------


def test_text_file_with_blank_lines_joins_hard_wraps(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "Troops arrive\r\n\r\nAbout 8,000 soldiers have\r\narrived near   the border.\r\n"
        "  \r\n\r\nThe minister\n\tsaid so.\n\n\n",
        encoding="utf-8",
    )
    document = read_source(str(path))
    assert document == SourceDocument(
        paragraphs=(
            "Troops arrive",
            "About 8,000 soldiers have arrived near the border.",
            "The minister said so.",
        ),
        origin=str(path),
    )


def test_text_file_with_one_paragraph_per_line(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("\ufeff" + "\n".join(BODY) + "\n", encoding="utf-8")
    assert read_source(str(path)).paragraphs == BODY


def test_parse_text_keeps_everything() -> None:
    assert parse_text(PLAIN_TEXT).paragraphs == ("Headline of the day", *BODY)
    assert parse_text("").paragraphs == ()


# --- HTML ----------------------------------------------------------------------------------


def test_html_file_keeps_the_body_verbatim_and_drops_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    document = read_source(str(path))
    assert document.paragraphs == BODY
    assert document.title == "Troops arrive at the border"
    assert document.date == datetime.date(2024, 10, 31)
    assert document.author == "Jane Reporter"
    assert document.outlet == "The Daily Example"
    assert document.url == "https://news.example.com/world/troops-arrive"
    assert document.origin == str(path)


def test_html_is_recognised_by_content_without_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("\n  " + ARTICLE_HTML.replace("<!DOCTYPE html>", "<!doctype HTML>"), "utf-8")
    assert read_source(str(path)).paragraphs == BODY


def test_html_in_a_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "article.htm"
    page = ARTICLE_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("“raises the stakes”", "“raises the stakes” – café")
    path.write_bytes(page.encode("windows-1252"))
    assert read_source(str(path)).paragraphs[0] == BODY[0].replace(
        "“raises the stakes”", "“raises the stakes” – café"
    )


def test_parse_html_uses_the_fetched_url_without_a_canonical_one() -> None:
    page = ARTICLE_HTML.replace(
        '<link rel="canonical" href="https://news.example.com/world/troops-arrive">', ""
    )
    document = parse_html(page, url="https://news.example.com/a?id=1")
    assert document.url == "https://news.example.com/a?id=1"
    assert parse_html(page).url == ""


def test_a_future_date_is_not_kept_nor_replaced_by_a_guess() -> None:
    future = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    page = ARTICLE_HTML.replace("2024-10-31T09:00:00Z", f"{future}T09:00:00Z")
    assert parse_html(page).date is None  # not 2024-01-01 from the footer's "© 2024"
    assert sourcing._parse_date(future) is None
    assert sourcing._parse_date("2024-10-31") == datetime.date(2024, 10, 31)
    assert sourcing._parse_date("garbage") is None


def test_a_date_in_the_markup_or_url() -> None:
    page = ARTICLE_HTML.replace(
        '<meta property="article:published_time" content="2024-10-31T09:00:00Z">', ""
    )
    timed = page.replace("<article>", '<article><time datetime="2024-10-30">Oct 30</time>')
    assert parse_html(timed).date == datetime.date(2024, 10, 30)
    dated_url = page.replace("/world/troops-arrive", "/2024/10/29/troops-arrive")
    assert parse_html(dated_url).date == datetime.date(2024, 10, 29)


def test_pages_trafilatura_rejects_fall_back_to_paragraphs() -> None:
    document = parse_html("<html><body><p>One  short\nline.</p><p></p><p>Two.</p></body></html>")
    assert document.paragraphs == ("One short line.", "Two.")


def test_pull_quotes_and_boilerplate_lines() -> None:
    paragraphs = [
        "Related: Another story",
        "It was, he said, “a very difficult week for everyone involved” in the talks.",
        "“A very difficult week for everyone involved”",
        "Click here to read the full report",
        "Story continues below advertisement",
        "Subscribers said the newspaper was late.",  # not “Subscribe …”
        "Read more carefully, the law says otherwise, according to the court's ruling.",
    ]
    assert sourcing._drop_boilerplate(paragraphs) == [paragraphs[1], *paragraphs[5:]]


# --- files that are not articles -----------------------------------------------------------


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(SourceError, match=r"nope.txt: no such file"):
        read_source(str(missing))
    with pytest.raises(SourceError, match="is a directory"):
        read_source(str(tmp_path))


def test_binary_file_is_not_text(tmp_path: Path) -> None:
    png = tmp_path / "photo.html"
    png.write_bytes(PNG)
    with pytest.raises(SourceError, match=r"photo.html is not text$"):
        read_source(str(png))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 ".encode("latin-1") * 20)
    with pytest.raises(SourceError, match="is not text"):
        read_source(str(latin))


def test_empty_file_has_no_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n \n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"empty.txt: no article text found$"):
        read_source(str(path))
    page = tmp_path / "empty.html"
    page.write_text(NO_TEXT_HTML, encoding="utf-8")
    with pytest.raises(SourceError, match="no article text found"):
        read_source(str(page))


def test_file_larger_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 5000, encoding="utf-8")
    with pytest.raises(SourceError, match=r"big.txt: is larger than 0.01 MB"):
        read_source(str(path), max_bytes=10_000)


def test_non_english_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(GERMAN, encoding="utf-8")
    with pytest.raises(SourceError, match=r"artikel.txt: the article does not look like English"):
        read_source(str(path))


def test_short_texts_skip_the_language_check(tmp_path: Path) -> None:
    path = tmp_path / "kurz.txt"
    path.write_text("Die Regierung hat am Donnerstag erklärt, dass Soldaten angekommen sind.")
    assert len(read_source(str(path)).paragraphs) == 1


# --- URLs ----------------------------------------------------------------------------------


def test_url_on_the_local_server(server: str, hosts: list[str]) -> None:
    url = f"http://{server}/article"
    document = read_source(url, allow_private=True)
    assert document.paragraphs == BODY
    assert document.origin == url
    assert document.url == "https://news.example.com/world/troops-arrive"
    assert document.outlet == "The Daily Example"
    assert hosts == [server]


def test_plain_text_url_gets_the_final_url(server: str) -> None:
    document = read_source(f"http://{server}/plain", allow_private=True)
    assert document.paragraphs == ("Headline of the day", *BODY)
    assert document.url == f"http://{server}/plain"


def test_fetch_url_returns_body_type_and_final_url(server: str) -> None:
    body, content_type, final = fetch_url(f"http://{server}/redirect/2", allow_private=True)
    assert body == ARTICLE_HTML
    assert content_type == "text/html"
    assert final == f"http://{server}/article"
    body, content_type, _ = fetch_url(f"http://{server}/latin1", allow_private=True)
    assert "Café au lait, résumé, naïve." in body


def test_loopback_is_refused_unless_allowed(server: str, hosts: list[str]) -> None:
    host = server.split(":", maxsplit=1)[0]
    with pytest.raises(
        SourceError,
        match=(
            rf"^refusing to fetch URL: {host} resolves to a private or local address "
            r"\(127.0.0.1\)$"
        ),
    ):
        read_source(f"http://{server}/article")
    assert hosts == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "https://192.168.1.1/",
        "http://100.100.100.200/",
        "http://100.64.1.2/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0:8080/",
        "http://224.0.0.1/",
    ],
)
def test_private_address_literals_are_refused_before_connecting(
    url: str, no_connections: list[tuple[Any, ...]]
) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"^refusing to fetch URL: .* private or local address"):
        fetch_url(url)
    assert time.monotonic() - started < 1.0
    assert no_connections == []


def test_metadata_addresses_are_refused_by_the_guard() -> None:
    forbidden = sourcing._forbidden
    address = ipaddress.ip_address
    assert forbidden(address("169.254.169.254"))
    assert forbidden(address("fd00:ec2::254"))
    assert forbidden(address("100.100.100.200"))
    assert forbidden(address("2002:7f00:1::1"))  # 6to4 around 127.0.0.1
    assert not forbidden(address("93.184.215.14"))
    assert not forbidden(address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))


def test_redirect_targets_are_checked_too(
    server: str, monkeypatch: pytest.MonkeyPatch, hosts: list[str]
) -> None:
    # Let the loopback server pass the guard, as a public one would; 10.0.0.1 still may not.
    real = sourcing._forbidden
    monkeypatch.setattr(sourcing, "_forbidden", lambda ip: str(ip) != "127.0.0.1" and real(ip))
    connections: list[Any] = []
    real_connect = socket.create_connection

    def connect(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        connections.append(address[0])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    with pytest.raises(
        SourceError, match=r"^refusing to fetch URL: 10.0.0.1 resolves .* \(10.0.0.1\)$"
    ):
        fetch_url(f"http://{server}/to-private")
    assert connections == ["127.0.0.1"]
    assert hosts == [server]


def test_connects_to_the_checked_address_with_the_real_host_name(
    server: str, monkeypatch: pytest.MonkeyPatch, hosts: list[str]
) -> None:
    port = server.split(":")[1]
    lookups = _resolve_test_host(monkeypatch, "article.test")
    document = read_source(f"http://article.test:{port}/article", allow_private=True)
    assert document.paragraphs == BODY
    # Resolved once, then connected to that address (a numeric "lookup" needs no DNS).
    assert [host for host in lookups if host != "127.0.0.1"] == ["article.test"]
    assert hosts == [f"article.test:{port}"]


def test_https_verifies_the_real_host_name_on_the_checked_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=article.test", "-addext", "subjectAltName=DNS:article.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    tls_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    tls_server.socket = server_context.wrap_socket(tls_server.socket, server_side=True)
    _resolve_test_host(monkeypatch, "article.test")
    with _serve(tls_server) as address:
        port = address.split(":")[1]
        # Not trusted by default: the certificate is checked.
        with pytest.raises(SourceError, match=r"could not fetch URL: .*certificate"):
            fetch_url(f"https://article.test:{port}/plain", allow_private=True)
        # Trusted, it matches the host name (SNI and verification use it, not 127.0.0.1).
        trusting = ssl.create_default_context(cafile=str(cert))
        monkeypatch.setattr(ssl, "create_default_context", lambda: trusting)
        body, content_type, _ = fetch_url(f"https://article.test:{port}/plain", allow_private=True)
        assert body == PLAIN_TEXT
        assert content_type == "text/plain"


def test_unreachable_server() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/article"
    with pytest.raises(SourceError, match=r"^could not fetch URL: .*connection refused"):
        read_source(url, allow_private=True)


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(
        SourceError, match=r"^could not fetch URL: cannot resolve host nowhere.test"
    ):
        fetch_url("http://nowhere.test/")


def test_timeout(server: str) -> None:
    with pytest.raises(SourceError, match=r"^could not fetch URL: .*timed out"):
        fetch_url(f"http://{server}/slow", allow_private=True, timeout=0.2)


def test_a_trickling_server_cannot_hold_the_fetch(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out"):
        fetch_url(f"http://{server}/trickle", allow_private=True, timeout=0.8)
    assert time.monotonic() - started < 2.5  # the 40 bytes alone would take 4 s


def test_not_found(server: str) -> None:
    with pytest.raises(
        SourceError, match=r"^could not fetch URL: .*/missing answered 404 Not Found$"
    ):
        read_source(f"http://{server}/missing", allow_private=True)


def test_wrong_content_type(server: str) -> None:
    with pytest.raises(SourceError, match=r"/image is not a web page \(content type image/png\)$"):
        read_source(f"http://{server}/image", allow_private=True)


def test_binary_body_declared_as_text(server: str) -> None:
    with pytest.raises(SourceError, match=r"/binary-as-text is not text$"):
        read_source(f"http://{server}/binary-as-text", allow_private=True)


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared"])
def test_oversized_body(server: str, path: str) -> None:
    with pytest.raises(SourceError, match=rf"{path} is larger than 0.02 MB$"):
        fetch_url(f"http://{server}{path}", allow_private=True, max_bytes=LIMIT)


def test_page_without_text(server: str) -> None:
    url = f"http://{server}/no-text"
    with pytest.raises(SourceError, match=rf"^{url}: no article text found$"):
        read_source(url, allow_private=True)


def test_redirects_up_to_five(server: str) -> None:
    document = read_source(f"http://{server}/redirect/5", allow_private=True)
    assert document.paragraphs == BODY


def test_too_many_redirects(server: str) -> None:
    with pytest.raises(SourceError, match=r"^could not fetch URL: .*redirects more than 5 times$"):
        read_source(f"http://{server}/redirect/6", allow_private=True)


def test_only_http_and_https() -> None:
    with pytest.raises(SourceError, match="only http and https"):
        fetch_url("ftp://127.0.0.1/file")


@pytest.mark.parametrize("url", ["http://[::1", "http://[not-an-address]/x"])
def test_a_malformed_url_is_one_clear_error(url: str) -> None:
    with pytest.raises(SourceError, match="could not fetch URL"):
        fetch_url(url)


def test_a_site_name_that_repeats_the_headline_is_no_outlet() -> None:
    paragraph = "The council voted on Tuesday to close two schools, officials said. " * 3
    html = (
        "<html><head><title>Council closes two schools | Council closes two schools</title>"
        '<meta property="og:site_name" content="Council closes two schools"></head>'
        f"<body><article><h1>Council closes two schools</h1><p>{paragraph}</p>"
        f"<p>{paragraph}</p></article></body></html>"
    )
    document = parse_html(html)
    assert document.title == "Council closes two schools"
    assert document.outlet == ""
