"""Just enough LaTeX decoding for the fields a reader sees: titles, names, venues."""

from __future__ import annotations

import re
import unicodedata

_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
            "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_SYMBOLS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "aa": "å", "AA": "Å", "&": "&", "%": "%",
            "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", "textendash": "–",
            "textless": "<", "textgreater": ">",
            "textemdash": "—"}
_FOLD = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l",
         "Ł": "L", "ı": "i", "ȷ": "j", "đ": "d", "Đ": "D", "þ": "th"}

# \"{o}, \"o, {\"o}, \'{\i}: an accent command and the letter it sits on.
_ACCENT = re.compile(r"""\\([`'^"~=.]|[uvHckr](?![A-Za-z]))\s*"""
                     r"""(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))""")
_SPECIAL = re.compile(r"[\\{}~]|--")
_SYMBOL = re.compile(r"\\([A-Za-z]+)(?:\{\}|\s?)|\\([&%$#_{}])")


def decode(text: str) -> str:
    """LaTeX-escaped BibTeX text to plain Unicode; unknown commands are kept as written."""
    if not _SPECIAL.search(text):   # most titles and names: nothing to decode
        return " ".join(text.split())
    text = _ACCENT.sub(_accented, text)
    text = _SYMBOL.sub(lambda m: _SYMBOLS.get(m.group(1) or m.group(2), m.group(0)), text)
    text = text.replace("---", "—").replace("--", "–").replace("~", "\u00a0")
    text = text.replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


def fold_ascii(text: str) -> str:
    """Şimşek -> Simsek, Müller -> Muller: for citation keys."""
    if text.isascii():
        return text
    text = "".join(_FOLD.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode(
        "ascii", "ignore").decode("ascii")


def _accented(match: re.Match) -> str:
    letter = match.group(2) or match.group(3)
    if letter.startswith("\\"):
        letter = _SYMBOLS.get(letter[1:], letter[1:])
    return letter + _ACCENTS[match.group(1)]


# $$...$$ or $...$, a backslash-escaped dollar being text; what lies between is left alone.
MATH = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<!\\)\$(?:\\.|[^$\\])+?\$", re.DOTALL)


def decode_keeping_math(text: str) -> str:
    """Prose with LaTeX math (an abstract): the text outside $...$ decoded, the math as
    written, so KaTeX still reads it; whitespace collapsed everywhere."""
    parts, end = [], 0
    for math in MATH.finditer(text):
        parts += [_decode_piece(text[end:math.start()]), " ".join(math.group(0).split())]
        end = math.end()
    parts.append(_decode_piece(text[end:]))
    return re.sub(r" {2,}", " ", "".join(parts)).strip()


def _decode_piece(text: str) -> str:
    """decode() trims; the space between a word and the math beside it is kept."""
    if not text:
        return ""
    return (" " if text[0].isspace() else "") + decode(text) + \
        (" " if text[-1].isspace() else "")
