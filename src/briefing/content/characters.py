"""Which characters content may carry, so the PDF and the deck show the same text.

``str -> str``. Text reaches this module after YAML has read it, escapes
included (a double-quoted ``"\\v"`` is a control character by then). Three
kinds of character are treated here, the same way for every output:

- refused, with their position: control characters other than tab and line
  break, lone surrogates, Unicode noncharacters (U+FFFE...), and the
  bidirectional embedding, override and isolate controls (U+202A-U+202E,
  U+2066-U+2069) that can make text display in another order than it reads.
  Right-to-left letters, and the marks U+200E, U+200F and U+061C, are fine.
- removed: zero-width spaces (U+200B, U+2060, U+FEFF, U+180E): invisible,
  meaningless in print, and a way to hide words from a search. Zero-width
  joiners (U+200C, U+200D) stay: emoji and several scripts need them.
- normalised: line breaks (CR LF, CR, U+2028, U+2029) become LF, and the text
  is put in Unicode NFC form.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    "\u202a-\u202e\u2066-\u2069" + re.escape(_NONCHARACTERS) + "]"
)
_REMOVED = re.compile("[\u200b\u2060\ufeff\u180e]")
_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")

_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
    "\x85": "next line",
}


def describe_char(char: str) -> str:
    """``U+000B (vertical tab)``: a character named so a user can find it."""
    code = ord(char)
    if char in _NAMES:
        name = _NAMES[char]
    elif 0xD800 <= code <= 0xDFFF:
        name = "a lone surrogate, half of a character"
    elif unicodedata.category(char) == "Cc":
        name = "a control character"
    elif code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        name = "a Unicode noncharacter"
    else:
        name = unicodedata.name(char, "an unnamed character").lower()
    return f"U+{code:04X} ({name})"


# -- Markdown passes HTML character references through: &#11; is a vertical tab by the end --
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def first_refused(text: str) -> int | None:
    """The index of the first character content may not carry, or None."""
    found = find_refused(text)
    return found[0] if found else None


def find_refused(text: str) -> tuple[int, str, str] | None:
    """The first refused character: its index, itself, and how it is written in ``text``.

    A character may be written as itself or as an HTML character reference
    (``&#11;``, ``&#x202E;``), which Markdown turns into the character.
    """
    match = REFUSED.search(text)
    best = (match.start(), match.group(), match.group()) if match else None
    for ref in _REFERENCE.finditer(text, 0, best[0] if best else len(text)):
        code = int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))
        if code == 0 or code > 0x10FFFF or REFUSED.match(chr(code)):
            return ref.start(), chr(min(code, 0x10FFFF)) if code else "\x00", ref.group()
    return best


def clean(text: str) -> str:
    """Rendered text with refused characters dropped and the rest normalised (a last guard)."""
    return normalise(REFUSED.sub("", text))


def normalise(text: str) -> str:
    """Text with zero-width spaces removed, line breaks as LF, in NFC form."""
    text = _BREAKS.sub("\n", _REMOVED.sub("", text))
    return unicodedata.normalize("NFC", text)
