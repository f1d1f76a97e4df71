"""Show a cell's value as the workbook shows it: ``(value, Excel format code) -> text``.

A small formatter for the number format codes analysts use: ``General``, digits
(``0``, ``#,##0``, ``0.00``), percent (``0.0%``), currency and units in quotes or
``[$€-407]`` tags, thousands scaling (``#,##0,``), negatives in brackets or with a
sign (``#,##0;(#,##0)``, ``[Red]``), a zero section, text (``@``), and the common
date codes (``yyyy-mm-dd``, ``d mmm yyyy``, ``mmm-yy``). Rounding is Excel's: half
away from zero. The code's ``,`` and ``.`` mean "group" and "decimals": the
separators written are the caller's (the briefing language's; English by default).
A code outside this set (scientific, fractions) is shown as ``General``: the
number is never wrong, only plainer.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["format_value"]

# -- where the group and decimal separators go, until the language's are put in --
_GROUP, _DECIMAL = "\ue000", "\ue001"

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s", re.IGNORECASE)
_CONDITION = re.compile(r"\[(?:[<>=]+-?[0-9.]+)\]")


def format_value(value: object, code: str | None, *, group: str = ",", decimal: str = ".") -> str:
    """``value`` (a cell's cached value) written with the Excel number format ``code``,
    digits grouped with ``group`` and decimals after ``decimal`` (a language's own: the
    code's ``,`` and ``.`` mean "group" and "decimals", as Excel reads them)."""
    code = (code or "General").strip() or "General"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return _date(value, code)
    if isinstance(value, str):
        sections = _sections(code)
        text_section = sections[3] if len(sections) > 3 else None
        if text_section is None and "@" in code and len(sections) == 1:
            text_section = code
        return _literal(text_section).replace("@", value) if text_section else value
    if not isinstance(value, int | float):
        return str(value)
    text = _number(float(value) if isinstance(value, float) else value, code)
    return text.translate({0xE000: group, 0xE001: decimal})


@functools.lru_cache(maxsize=256)  # -- a sheet has few formats and many cells --
def _sections(code: str) -> tuple[str, ...]:
    """The ``;``-separated sections of ``code``, quotes and escapes respected."""
    parts, current, quoted, i = [], "", False, 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(code):
            current += code[i : i + 2]
            i += 2
            continue
        elif ch == ";" and not quoted:
            parts.append(current)
            current = ""
            i += 1
            continue
        current += ch
        i += 1
    parts.append(current)
    return tuple(parts)


def _number(value: int | float, code: str) -> str:
    sections = _sections(code)
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        section, value, signed = sections[1], -value, False
    elif value == 0 and len(sections) >= 3:
        section, signed = sections[2], False
    else:
        section, signed = sections[0], value < 0
        value = abs(value)
    section = _CONDITION.sub("", section)
    section = re.sub(r"\[(?!\$)[^\]]*\]", "", section)  # -- colours: [Red], [Color10] --
    if section.strip().lower() in {"general", ""}:
        text = _general(value)
        return f"-{text}" if signed else text
    if not re.search(r"[0#?]", _unquoted(section)):
        return _literal(section)  # -- a section with no digits (a dash for zero) --
    return ("-" if signed else "") + _digits(value, section)


def _unquoted(section: str) -> str:
    return re.sub(r'"[^"]*"|\\.|\[\$[^\]]*\]', "", section)


def _digits(value: int | float, section: str) -> str:
    # -- split into the literal text before, the number pattern, the text after --
    tokens = _tokens(section)
    first = next(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
    last = max(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
    pattern = "".join(t for _, t in tokens[first : last + 1])
    after = tokens[last + 1 :]
    # -- commas right after the last digit scale by a thousand each --
    scale = 0
    while after and after[0] == ("digit_comma", ","):
        scale += 1
        after = after[1:]
    trailing = pattern.rstrip(",")
    scale += len(pattern) - len(trailing)
    pattern = trailing
    percent = sum(t == "%" for kind, t in tokens if kind == "lit")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    number = number * (Decimal(100) ** percent) / (Decimal(1000) ** scale)
    whole, _, frac = pattern.partition(".")
    decimals = sum(c in "0#?" for c in frac)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    int_part, _, frac_part = text.partition(".")
    min_int = whole.count("0")
    int_part = int_part.lstrip("0")
    int_part = int_part.rjust(min_int, "0") if min_int else int_part
    if "," in whole:
        int_part = f"{int(int_part or '0'):,}".replace(",", _GROUP) if int_part else ""
        if min_int == 0 and int_part == "0":
            int_part = ""
    if frac:
        # -- trailing # places drop trailing zeros; 0 places keep them --
        keep = sum(c == "0" for c in frac)
        while len(frac_part) > keep and frac_part.endswith("0"):
            frac_part = frac_part[:-1]
        body = f"{int_part}{_DECIMAL}{frac_part}" if frac_part else ""
        if not body:
            body = int_part
    else:
        body = int_part
    if not body:
        body = "0" if min_int else ""
    return _render(tokens[:first]) + body + _render(after)


@functools.lru_cache(maxsize=256)
def _tokens(section: str) -> tuple[tuple[str, str], ...]:
    """The section as (kind, text): ``digit`` (0 # ? , . in the number), ``lit`` (shown)."""
    out: list[tuple[str, str]] = []
    i, in_number = 0, False
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 1 : end]))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
            continue
        if ch == "[" and section.startswith("[$", i):
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 2 : end].split("-")[0]))
            i = end + 1
            continue
        if ch == "_" and i + 1 < len(section):
            out.append(("space", ""))  # -- room for a character, e.g. the bracket in _) --
            i += 2
            continue
        if ch == "*" and i + 1 < len(section):
            i += 2  # -- a fill character: a column's width, not text --
            continue
        if ch in "0#?" or (ch in ".," and in_number):
            kind = "digit_comma" if ch == "," and not _more_digits(section, i) else "digit"
            out.append((kind, ch))
            in_number = True
            i += 1
            continue
        if ch == "." and i + 1 < len(section) and section[i + 1] in "0#?":
            out.append(("digit", ch))
            in_number = True
            i += 1
            continue
        out.append(("lit", ch))
        in_number = False if ch not in ",." else in_number
        i += 1
    # -- a comma that ends the number is a scaling comma, not a digit --
    return tuple(out)


def _more_digits(section: str, i: int) -> bool:
    rest = section[i + 1 :]
    return bool(rest) and rest[0] in "0#?"


def _render(tokens: tuple[tuple[str, str], ...]) -> str:
    return "".join(t for k, t in tokens if k == "lit").replace("\xa0", " ")


def _literal(section: str) -> str:
    return _render(_tokens(re.sub(r"\[(?!\$)[^\]]*\]", "", section))).strip()


def _general(value: int | float) -> str:
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = f"{value:.10g}"
    return (text if "e" not in text else f"{value:.6g}").replace(".", _DECIMAL)


def _date(value: dt.date, code: str) -> str:
    section = re.sub(r"\[[^\]]*\]", "", _sections(code)[0])
    if section.strip().lower() == "general" or not _DATE_TOKEN.search(section):
        return value.isoformat() if not isinstance(value, dt.datetime) else value.date().isoformat()
    out, i, after_hour = "", 0, False
    literal = re.compile(r'"([^"]*)"|\\(.)')
    while i < len(section):
        quoted = literal.match(section, i)
        if quoted:
            out += quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
            i = quoted.end()
            continue
        match = _DATE_TOKEN.match(section, i)
        if not match:
            out += section[i]
            i += 1
            continue
        token = match.group(0).lower()
        i = match.end()
        if token.startswith("m") and len(token) <= 2 and after_hour:
            minute = value.minute if isinstance(value, dt.datetime) else 0
            out += f"{minute:0{len(token)}d}"
            continue
        out += _date_part(value, token)
        after_hour = token.startswith("h")
    return out


def _date_part(value: dt.date, token: str) -> str:
    moment = value if isinstance(value, dt.datetime) else None
    parts = {
        "yyyy": f"{value.year:04d}",
        "yy": f"{value.year % 100:02d}",
        "mmmm": _MONTHS[value.month - 1],
        "mmm": _MONTHS[value.month - 1][:3],
        "mm": f"{value.month:02d}",
        "m": str(value.month),
        "dddd": value.strftime("%A"),
        "ddd": value.strftime("%a"),
        "dd": f"{value.day:02d}",
        "d": str(value.day),
        "hh": f"{moment.hour if moment else 0:02d}",
        "h": str(moment.hour if moment else 0),
        "ss": f"{moment.second if moment else 0:02d}",
        "s": str(moment.second if moment else 0),
    }
    return parts[token]
