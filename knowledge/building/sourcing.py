"""Read an article from a SOURCE: a plain-text file, an HTML file or an http(s) URL.

The result is a `SourceDocument`: the article's body paragraphs (each one line, whitespace
collapsed, otherwise verbatim: the bot quotes them) and what the page says about itself
(title, date, author, outlet, canonical URL). Web pages go through trafilatura, then the
boilerplate it may keep ("Read more: …", newsletter boxes, pull quotes) is dropped.

URLs are fetched with the standard library, at most 5 redirects, and never from a private or
local address unless asked: every host is resolved once, checked, and the connection goes to
the address that was checked (so a second DNS answer cannot point it elsewhere).

Every failure is a `SourceError` whose message is one line for the user.
"""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, urljoin, urlsplit

import trafilatura
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

__all__ = [
    "SourceDocument",
    "SourceError",
    "fetch_url",
    "parse_html",
    "parse_text",
    "read_source",
]

USER_AGENT: Final = "newsbot/0.1 (+article fetcher)"
MAX_REDIRECTS: Final = 5
_CHUNK: Final = 65_536
ACCEPTED_CONTENT_TYPES: Final = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
HTML_CONTENT_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})

#: The language check runs once a text has this many alphabetic words.
LANGUAGE_CHECK_MIN_WORDS: Final = 50
#: Share of alphabetic words that must be common English function words. English news prose
#: scores about 0.30-0.45 (the packaged article: 0.36). French and Spanish prose score near 0;
#: German and Dutch share a few of these words ("in", "was", "is") and score up to about 0.07,
#: which is why the bar is 0.15 rather than lower.
ENGLISH_FUNCTION_WORD_SHARE: Final = 0.15
ENGLISH_FUNCTION_WORDS: Final = frozenset(
    {
        "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by",
        "it", "at", "from", "he", "she", "said", "this", "be", "are", "have", "has", "had",
        "were", "been", "not", "but", "or", "they", "their", "his", "her", "its", "which",
        "who", "would", "we", "you", "there", "what", "about", "after", "also", "more", "than",
        "other", "into", "could", "when", "up", "out", "one", "two", "new", "over", "some",
        "them", "can", "these", "if", "our", "i", "because", "while", "should",
    }
)  # fmt: skip

_METADATA_ADDRESSES: Final = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_CARRIER_GRADE_NAT: Final = ipaddress.ip_network("100.64.0.0/10")
_NAT64: Final = ipaddress.ip_network("64:ff9b::/96")
#: Characters left as they are in a request target; anything else (spaces, non-ASCII) is quoted.
_URL_SAFE: Final = "!#$%&'()*+,-./:;=?@[]~"

_WHITESPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_PUNCTUATION = re.compile(r"[^\w\s]|_")

#: Boilerplate a news page's body may carry. Each pattern must match the whole paragraph, and
#: only paragraphs up to `_BOILERPLATE_MAX_CHARS` long are considered.
_BOILERPLATE_MAX_CHARS: Final = 200
_BOILERPLATE: Final = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"read more\W*",
        r"read more\s*[:|»›>\-–—].*",
        r"(?:also read|see also|more on this story|watch|listen)\s*[:|»›\-–—].*",
        r"related(?: stories| articles| coverage| content| links)?\s*[:|»›\-–—]?.*",
        r"sign up\b.*",
        r".*\bsign up (?:for|to) (?:our|the) .*newsletters?\b.*",
        r"subscribe\b.*",
        r"click here\b.*",
        r"(?:story continues below )?advertisement\W*",
        r"advertising\W*",
        r"share (?:this|the) (?:article|story|page|post)\b.*",
        r"share (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|email)\b.*",
    )
)
#: A pull quote is a paragraph of this many words at most, repeated inside a longer one.
_PULL_QUOTE_MAX_WORDS: Final = 40
_PULL_QUOTE_MIN_WORDS: Final = 3


class SourceError(Exception):
    """A source cannot be read as an article; the message is one clear line for the user."""


@dataclass(frozen=True)
class SourceDocument:
    """An article read from a source.

    Attributes:
        paragraphs: The body paragraphs, each one line of text with whitespace collapsed.
        title: The headline, if the source gives one.
        date: The publication date, if the source gives one (never a date after today).
        author: The byline, if the source gives one.
        outlet: The publication's name (a web page's site name).
        url: The canonical URL if the page gives one, else the fetched URL, else "".
        origin: What was read: the path or the URL as given.
    """

    paragraphs: tuple[str, ...]
    title: str = ""
    date: datetime.date | None = None
    author: str = ""
    outlet: str = ""
    url: str = ""
    origin: str = ""


# --- reading -------------------------------------------------------------------------------


def read_source(
    source: str,
    *,
    allow_private: bool = False,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
) -> SourceDocument:
    """Read an article from a text file, an HTML file or an http(s) URL.

    Args:
        source: A path, or a URL starting with http:// or https://.
        allow_private: Fetch URLs on private or local addresses too.
        timeout: Seconds each network operation may take.
        max_bytes: The largest file or response body accepted.

    Returns:
        The article's paragraphs and metadata.

    Raises:
        SourceError: The source cannot be read, holds no article text or is not English.
    """
    if source.lower().startswith(("http://", "https://")):
        body, content_type, final_url = fetch_url(
            source, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes
        )
        if content_type in HTML_CONTENT_TYPES or (
            content_type == "text/plain" and _looks_like_html(body)
        ):
            document = parse_html(body, origin=source, url=final_url)
        else:
            document = parse_text(body, origin=source)
            document = _with_url(document, final_url)
    else:
        text, is_html = _read_file(source, max_bytes=max_bytes)
        document = parse_html(text, origin=source) if is_html else parse_text(text, origin=source)
    _check_article(document)
    return document


def _with_url(document: SourceDocument, url: str) -> SourceDocument:
    return SourceDocument(
        paragraphs=document.paragraphs,
        title=document.title,
        date=document.date,
        author=document.author,
        outlet=document.outlet,
        url=document.url or url,
        origin=document.origin,
    )


def _read_file(source: str, *, max_bytes: int) -> tuple[str, bool]:
    path = Path(source)
    try:
        if not path.exists():
            raise SourceError(f"{source}: no such file")
        if path.is_dir():
            raise SourceError(f"{source}: is a directory, not a file")
        if path.stat().st_size > max_bytes:
            raise SourceError(f"{source}: is larger than {_megabytes(max_bytes)}")
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SourceError(f"{source}: cannot be read ({reason})") from None
    if len(data) > max_bytes:  # it grew since stat()
        raise SourceError(f"{source}: is larger than {_megabytes(max_bytes)}")
    html_suffix = path.suffix.lower() in {".html", ".htm"}
    text = _decode(data, declared=None, html=True, what=source)
    return text, html_suffix or _looks_like_html(text)


def _looks_like_html(text: str) -> bool:
    return _HTML_START.match(text.lstrip("\ufeff \t\r\n")) is not None


def _decode(data: bytes, *, declared: str | None, html: bool, what: str) -> str:
    """Decode bytes strictly: the declared charset, then UTF-8, then an HTML meta charset."""
    if b"\x00" in data:
        raise SourceError(f"{what} is not text")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    candidates.append("utf-8")
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii"))
    for charset in candidates:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
        return text.removeprefix("\ufeff")
    raise SourceError(f"{what} is not text")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


# --- parsing -------------------------------------------------------------------------------


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def parse_text(text: str, *, origin: str = "") -> SourceDocument:
    """Split plain text into paragraphs.

    Paragraphs are separated by blank lines, and the lines of one paragraph are joined with
    single spaces (hard wraps undone). A text without blank lines has one paragraph per
    non-empty line. Runs of whitespace become one space.

    Args:
        text: The article's text.
        origin: What was read, for messages.

    Returns:
        The paragraphs; a plain text carries no metadata.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    paragraphs = tuple(paragraph for chunk in chunks if (paragraph := _collapse(chunk)))
    return SourceDocument(paragraphs=paragraphs, origin=origin)


def parse_html(html: str, *, origin: str = "", url: str = "") -> SourceDocument:
    """Extract the article body and its metadata from a web page.

    The body comes from trafilatura (comments and tables left out); boilerplate it may keep
    ("Read more: …", "Advertisement", newsletter prompts, pull quotes) is dropped and the
    other paragraphs are kept verbatim, whitespace collapsed. When trafilatura finds nothing,
    the text of every <p> element is used.

    Args:
        html: The page's markup.
        origin: What was read, for messages.
        url: The URL the page was fetched from, used when the page names no canonical URL.

    Returns:
        The paragraphs, title, date (from the markup or URL, never after today), author,
        outlet and URL.
    """
    if not html.strip():
        return SourceDocument(paragraphs=(), origin=origin, url=url)
    extracted = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        # Dates from the page's markup and URL only: no guessing from a copyright line or the
        # text, which trafilatura does by default when the real date is missing or invalid.
        date_extraction_params=set_date_params(extensive=False),
    )
    document = extracted if isinstance(extracted, Document) else None
    title = _collapse(document.title or "") if document else ""
    paragraphs = _body_paragraphs(document.body, title) if document else []
    if not paragraphs:
        paragraphs = _all_p_paragraphs(html)
    paragraphs = _drop_boilerplate(paragraphs)
    return SourceDocument(
        paragraphs=tuple(paragraphs),
        title=title,
        date=_parse_date(document.date if document else None),
        author=_collapse(document.author or "") if document else "",
        outlet=_outlet(_collapse(document.sitename or "") if document else "", title),
        url=(document.url if document and document.url else "") or url,
        origin=origin,
    )


def _outlet(sitename: str, title: str) -> str:
    """The site's name, unless the page only repeated its headline there ("Title | Title")."""
    folded, headline = sitename.casefold(), title.casefold()
    if not folded or (headline and (folded in headline or headline in folded)):
        return ""
    return sitename


def _element_text(element: Any) -> str:  # an lxml element (lxml ships no type hints)
    """An element's text with line breaks as spaces, whitespace collapsed."""
    parts: list[str] = []
    for node in element.iter():
        if node is not element and node.tag in {"lb", "br"}:
            parts.append(" ")
        elif node.text and isinstance(node.tag, str):
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return _collapse("".join(parts))


def _body_paragraphs(body: Any, title: str) -> list[str]:
    if body is None:
        return []
    paragraphs: list[str] = []
    for child in body:
        items = list(child.iter("item")) if child.tag == "list" else [child]
        for item in items:
            text = _element_text(item)
            if text and not (child.tag == "head" and text == title):
                paragraphs.append(text)
    return paragraphs


def _all_p_paragraphs(html: str) -> list[str]:
    tree = load_html(html)
    if tree is None:
        return []
    return [text for p in tree.iter("p") if (text := _collapse(p.text_content()))]


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        date = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return None if date > datetime.date.today() else date


def _is_boilerplate(paragraph: str) -> bool:
    if len(paragraph) > _BOILERPLATE_MAX_CHARS:
        return False
    return any(pattern.fullmatch(paragraph) for pattern in _BOILERPLATE)


def _comparable(text: str) -> str:
    """Text for comparing paragraphs: lower case, no quotes or punctuation, single spaces."""
    return _collapse(_PUNCTUATION.sub(" ", text.casefold()))


def _drop_boilerplate(paragraphs: Sequence[str]) -> list[str]:
    kept = [paragraph for paragraph in paragraphs if not _is_boilerplate(paragraph)]
    comparable = [_comparable(paragraph) for paragraph in kept]
    result: list[str] = []
    for index, paragraph in enumerate(kept):
        words = comparable[index].split()
        is_pull_quote = _PULL_QUOTE_MIN_WORDS <= len(words) <= _PULL_QUOTE_MAX_WORDS and any(
            other != index
            and len(comparable[other]) > len(comparable[index])
            and f" {comparable[index]} " in f" {comparable[other]} "
            for other in range(len(kept))
        )
        if not is_pull_quote:
            result.append(paragraph)
    return result


def _check_article(document: SourceDocument) -> None:
    if not document.paragraphs:
        raise SourceError(f"{document.origin}: no article text found")
    words = [word.casefold() for word in _WORD.findall(" ".join(document.paragraphs))]
    if len(words) < LANGUAGE_CHECK_MIN_WORDS:
        return
    share = sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words)
    if share < ENGLISH_FUNCTION_WORD_SHARE:
        raise SourceError(f"{document.origin}: the article does not look like English")


# --- fetching ------------------------------------------------------------------------------


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is loopback, private, link-local, metadata or otherwise not public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and _forbidden(embedded):
            return True
    return (
        address in _METADATA_ADDRESSES
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in _CARRIER_GRADE_NAT)
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
        or not address.is_global
    )


def _resolve(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Resolve a host once and check every address it has; return them for connecting."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise SourceError(f"could not fetch URL: cannot resolve host {host} ({reason})") from None
    addresses: list[str] = []
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]
        address = ipaddress.ip_address(text)
        if not allow_private and _forbidden(address):
            raise SourceError(
                f"refusing to fetch URL: {host} resolves to a private or local address ({address})"
            )
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise SourceError(f"could not fetch URL: cannot resolve host {host}")
    return addresses


def _connect(addresses: Sequence[str], port: int, timeout: float | None) -> socket.socket:
    """Connect to the first checked address that answers."""
    *others, last = addresses
    for address in others:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError:
            continue
    return socket.create_connection((last, port), timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address resolved and checked beforehand."""

    def __init__(self, host: str, port: int, *, addresses: Sequence[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = tuple(addresses)

    def connect(self) -> None:
        """Connect to the checked address (no second DNS lookup)."""
        self.sock = _connect(self._addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address, verifying the certificate for the host name."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        addresses: Sequence[str],
        timeout: float,
        context: ssl.SSLContext,
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._addresses = tuple(addresses)
        self._tls = context

    def connect(self) -> None:
        """Connect to the checked address; SNI and verification use the real host name."""
        sock = _connect(self._addresses, self.port, self.timeout)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"certificate not valid ({error.verify_message})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    text = _collapse(str(error))
    return text or type(error).__name__


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
) -> tuple[str, str, str]:
    """Fetch a web page, following at most 5 redirects, refusing private and local addresses.

    Every host (the first and each redirect's) is resolved once; if any of its addresses is
    loopback, private, link-local, multicast, reserved, unspecified, carrier-grade NAT or a
    cloud metadata address, the fetch is refused (unless `allow_private`). The connection then
    goes to the checked address, with the real host name in the Host header and for TLS.

    Args:
        url: An http:// or https:// URL.
        allow_private: Fetch from private and local addresses too.
        timeout: Seconds the whole fetch may take, redirects included.
        max_bytes: The largest response body accepted.

    Returns:
        The decoded body, its content type (e.g. "text/html") and the final URL.

    Raises:
        SourceError: The URL cannot be fetched, is refused, is too large, or is not a text or
            HTML page.
    """
    current = url
    context = ssl.create_default_context()
    # One deadline for the whole fetch: a server trickling a byte a second cannot hold it.
    deadline = time.monotonic() + timeout
    for _hop in range(MAX_REDIRECTS + 1):
        response_url, status, headers, data = _request(
            current,
            allow_private=allow_private,
            deadline=deadline,
            max_bytes=max_bytes,
            context=context,
        )
        location = headers.get("Location")
        if status in {301, 302, 303, 307, 308} and location:
            try:
                current = urljoin(response_url, location.strip())
            except ValueError as error:
                raise SourceError(
                    f"could not fetch URL: {url} (malformed redirect: {error})"
                ) from None
            continue
        if status >= 400:
            reason = http.client.responses.get(status, "")
            raise SourceError(f"could not fetch URL: {current} answered {status} {reason}".rstrip())
        if status >= 300:
            raise SourceError(f"could not fetch URL: {current} answered {status} without a target")
        return _decode_response(current, headers, data)
    raise SourceError(f"could not fetch URL: {url} redirects more than {MAX_REDIRECTS} times")


def _decode_response(
    url: str, headers: http.client.HTTPMessage, data: bytes
) -> tuple[str, str, str]:
    if headers.get("Content-Type") is None:
        text = _decode(data, declared=None, html=True, what=url)
        content_type = "text/html" if _looks_like_html(text) else "text/plain"
        return text, content_type, url
    content_type = headers.get_content_type()
    if content_type not in ACCEPTED_CONTENT_TYPES:
        raise SourceError(f"{url} is not a web page (content type {content_type})")
    declared = headers.get_content_charset()
    text = _decode(data, declared=declared, html=content_type in HTML_CONTENT_TYPES, what=url)
    return text, content_type, url


def _remaining(url: str, deadline: float) -> float:
    """Seconds left before `deadline`; past it, the fetch has timed out."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise SourceError(f"could not fetch URL: {url} (timed out)")
    return left


def _split_url(url: str) -> tuple[str, str, int, str]:
    """An http(s) URL's scheme, ASCII host name, port and request target."""
    try:
        parts = urlsplit(url)
    except ValueError as error:  # "http://[::1" and other malformed addresses
        raise SourceError(f"could not fetch URL: {url} (malformed: {error})") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise SourceError(f"could not fetch URL: {url} (only http and https URLs are supported)")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise SourceError(f"could not fetch URL: {url} (invalid port)") from None
    if not parts.hostname:
        raise SourceError(f"could not fetch URL: {url} (no host)")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise SourceError(f"could not fetch URL: {url} (invalid host name)") from None
    target = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=_URL_SAFE)
    return scheme, host, port, target


def _request(
    url: str,
    *,
    allow_private: bool,
    deadline: float,
    max_bytes: int,
    context: ssl.SSLContext,
) -> tuple[str, int, http.client.HTTPMessage, bytes]:
    """One GET request: (url, status, headers, body); the body only when it is not a redirect."""
    timeout = _remaining(url, deadline)
    scheme, host, port, target = _split_url(url)
    addresses = _resolve(host, port, allow_private=allow_private)
    connection: http.client.HTTPConnection
    if scheme == "https":
        connection = _PinnedHTTPSConnection(
            host, port, addresses=addresses, timeout=timeout, context=context
        )
    else:
        connection = _PinnedHTTPConnection(host, port, addresses=addresses, timeout=timeout)
    response: http.client.HTTPResponse | None = None
    try:
        connection.request(
            "GET",
            target,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        status = response.status
        headers = response.headers
        if status >= 300:  # redirects and errors carry no article
            return url, status, headers, b""
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise SourceError(f"{url} is larger than {_megabytes(max_bytes)}")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            _remaining(url, deadline)  # each read is bounded by the socket's timeout too
            chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except SourceError:
        raise
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise SourceError(f"could not fetch URL: {url} ({_reason(error)})") from None
    finally:
        if response is not None:
            response.close()
        connection.close()
    if len(data) > max_bytes:
        raise SourceError(f"{url} is larger than {_megabytes(max_bytes)}")
    return url, status, headers, data
