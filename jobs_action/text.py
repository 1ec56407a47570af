"""Cleaning untrusted feed text at the source border (tests/data/HOSTILE-CASES.md, K3 "Clean").

Every text field of a ``Job`` goes through :func:`clean_text` once, after the last HTML unescape, so the rest of
the code can trust it: NFC, no format (bidi, zero-width) characters, no controls or line breaks, collapsed
whitespace, a length cap ending in an ellipsis.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

# Deleted outright: Arabic letter mark, zero-width and direction marks, embeddings/overrides, invisible
# operators, isolates, BOM / zero-width no-break space.
_FORMAT_CHARS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Turned into a space: C0 and C1 controls (CR, LF, TAB, NEL included), DEL, line and paragraph separators.
_BREAKING_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_WHITESPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_ELLIPSIS = "…"

DEFAULT_MAX_LENGTH = 200


def clean_text(value: object, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Return ``value`` as one line of safe plain text (empty for ``None`` and non-text values)."""
    if type(value) is str:  # most values: tested first
        text = value
    elif value is None or isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    else:
        text = str(value)
    if text.isascii() and text.isprintable():
        # Printable ASCII holds no control, format or line-break character, and its only whitespace is " ".
        if "  " in text or text.startswith(" ") or text.endswith(" "):
            text = " ".join(text.split())
        return text if len(text) <= max_length else truncate(text, max_length)
    text = unicodedata.normalize("NFC", text)
    text = _FORMAT_CHARS.sub("", text)
    text = _BREAKING_CHARS.sub(" ", text)
    text = _WHITESPACE.sub(" ", text).strip()
    return truncate(text, max_length)


def truncate(text: str, max_length: int) -> str:
    """Cut ``text`` to at most ``max_length`` characters, ending with an ellipsis when cut."""
    if len(text) <= max_length:
        return text
    return text[: max_length - 1].rstrip() + _ELLIPSIS


def clean_html_text(value: object, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Clean a field that carries HTML: decode entities once, strip tags, then clean."""
    if not isinstance(value, str):
        return clean_text(value, max_length)
    return clean_text(html.unescape(_TAG.sub(" ", value)), max_length)


# Characters that mojibake makes of UTF-8 continuation bytes 0x80-0xBF (read as Latin-1 or Windows-1252/1254).
_CONTINUATION = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# A UTF-8 sequence that lost a byte in the source's wrong decode (tests/data/HOSTILE-CASES.md, K5): an emoji's
# F0 9F with at most one more continuation (``ðŸ“``, ``ğŸ“``), or punctuation E2 80 without its last byte
# (``â€`` for ``”``).
_LOST_BYTE_FRAGMENT = re.compile(f"(?:[ðğ][Ÿ\x9f][{_CONTINUATION}]?|â€)(?![{_CONTINUATION}])")


def repair_mojibake(text: str) -> str:
    """Repair text a source stored after decoding it with the wrong charset (``CafÃ©`` -> ``Café``).

    Only ``ftfy.fix_encoding`` is used: it repairs mojibake and nothing else (no quote uncurling, no width
    folding, no HTML unescaping), so clean text is returned unchanged. Alone it would guess a lost byte as a
    no-break space, so ``ðŸ“ Remote`` (📍 without its 4th byte) would become ``📠Remote``, the wrong emoji.
    Pinned behaviour: a fragment that lost a byte is dropped (``ðŸ“ Remote`` -> ``Remote``), never guessed,
    and U+FFFD left by a lossy decode is dropped too.
    """
    import ftfy  # here, not at the top: about 50 ms of start-up, and only a few sources need it

    without_fragments = _LOST_BYTE_FRAGMENT.sub("", text)
    return ftfy.fix_encoding(without_fragments).replace("\ufffd", "")


# Characters kept as they are in a URL; everything else (space, ()[]<>|\"`{}^, controls, non-ASCII) is
# percent-encoded (tests/data/HOSTILE-CASES.md, K3 "Escape a link").
_URL_SAFE = "-._~:/?#@!$'*+,;=%&"
MAX_URL_LENGTH = 2000  # characters once encoded: longer "links" are abuse (a row must stay one short line)


# A URL that the steps of ``normalize_url`` return unchanged: lower-case scheme, a plain host (port optional),
# and only characters that ``quote`` keeps; a query or fragment, when present, is not empty (urlunsplit would
# drop a bare "?" or "#").
_PLAIN_URL_CHARS = r"-A-Za-z0-9._~!$'*+,;=:@%&/"
_PLAIN_URL = re.compile(
    rf"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[{_PLAIN_URL_CHARS}]*)?"
    rf"(?:\?[{_PLAIN_URL_CHARS}?]+)?(?:#[{_PLAIN_URL_CHARS}?#]+)?"
)


# A match when ``normalize_url`` returns the URL as it is (if it is at most ``MAX_URL_LENGTH`` long): the source
# border tests this before the call, which most URLs then skip.
plain_url = _PLAIN_URL.fullmatch


def normalize_url(value: object) -> str | None:
    """Return an absolute http(s) URL, percent-encoded, or ``None`` when ``value`` is not one."""
    if not isinstance(value, str):
        return None
    if plain_url(value):
        return value if len(value) <= MAX_URL_LENGTH else None
    raw = _FORMAT_CHARS.sub("", value).strip()
    if not raw or _BREAKING_CHARS.search(raw):
        return None
    try:
        parts = urlsplit(raw)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not hostname or "\\" in parts.netloc:
        return None
    rebuilt = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, parts.fragment))
    encoded = quote(rebuilt, safe=_URL_SAFE)
    return encoded if len(encoded) <= MAX_URL_LENGTH else None
