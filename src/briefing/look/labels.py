"""The words the templates set around the content, in the briefing's language.

``templates/labels.yaml`` maps a language to its words ("Contents", "Page", "of",
"Sources" ...). The content's ``language`` picks them: the whole tag, then its
language alone (``en-GB``, then ``en``); a language the file does not list is
written in English throughout, and a word a language leaves out is the English
one. Long dates are written by Babel in the chosen language, in the file's
``date_format`` where the language gives one, else in its usual long form.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, RootModel, create_model

from briefing.content import source
from briefing.content.model_errors import validate_as
from briefing.errors import BriefingError, Fault, Problem
from briefing.project import default_templates

LABELS_FILE = "labels.yaml"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")
FALLBACK = "en"


def _words_model(names: tuple[str, ...]) -> type[BaseModel]:
    """The model of one language's words: each word the default file's English gives,
    any of them left out (then the English one), no other."""
    fields: dict[str, Any] = {name: (str | None, None) for name in names}
    return create_model("Words", __config__=ConfigDict(extra="forbid", frozen=True), **fields)


@functools.cache
def _file_model(names: tuple[str, ...]) -> type[RootModel[dict[str, BaseModel]]]:
    """The model of a whole labels file: language tag -> words."""
    words = _words_model(names)
    return RootModel[dict[str, words]]  # type: ignore[valid-type]


def word_names(default: source.Source) -> tuple[str, ...]:
    """The words a labels file may give: those the built-in file (``default``, read) gives
    in English. The words are data, kept in one place; a template that needs a new one
    adds it there."""
    english = default.data.get(FALLBACK)
    if not isinstance(english, dict) or not english:
        raise BriefingError(
            Problem.in_file(
                default.name,
                "the built-in labels have no English words",
                hint="reinstall briefing: its default labels are damaged",
                fault=Fault.TOOL,
            )
        )
    return tuple(str(name) for name in english)


@dataclass(frozen=True)
class Labels:
    """The words for one language, and its long date."""

    words: Mapping[str, str]
    locale: str  # Babel's name for the language the dates are written in
    date_format: str  # a CLDR pattern, or "long": the language's usual long date

    def long_date(self, day: dt.date) -> str:
        """``26 November 2026`` in English; the same whatever the machine's locale."""
        return format_date(day, self.date_format, locale=self.locale)

    def source_date(self, text: str) -> str:
        """A source's date as the edition's is written (``2025-01-15``, ``2025-01``);
        any other text (``Spring 2025``) as given."""
        try:
            if _DAY.fullmatch(text):
                return self.long_date(dt.date.fromisoformat(text))
            if _MONTH.fullmatch(text):
                month = dt.date(int(text[:4]), int(text[5:]), 1)
                return format_date(month, "LLLL y", locale=self.locale)
        except ValueError:
            pass  # -- no such day or month (2025-02-30, 0000-01): as given --
        return text


def load_labels(path: Path, language: str) -> Labels:
    """The words of ``path`` (a labels.yaml) for ``language``, a BCP 47 tag."""
    read = source.load(path, kind=source.TEMPLATE_DATA)
    built_in = default_templates() / LABELS_FILE
    # -- a project without labels of its own reads the built-in file once --
    default = (
        read if path.resolve() == built_in else source.load(built_in, kind=source.TEMPLATE_DATA)
    )
    every = validate_as(read, _file_model(word_names(default))).root
    _check_date_formats(read, every)
    table: dict[str, BaseModel] = {}
    for tag, given in every.items():
        if tag.lower() in table:
            raise _problem(
                read,
                tag,
                f"the language {tag!r} is given twice (tags ignore case)",
                "keep one entry per language",
            )
        table[tag.lower()] = given
    english = table.get(FALLBACK)
    missing = [k for k, v in _fields(english).items() if v is None and k != "date_format"]
    if english is None or missing:
        raise _problem(
            read,
            FALLBACK,
            f"the English words are incomplete: {', '.join(missing) or 'no en entry'}",
            "English is what every other language falls back on: give all its words",
        )
    tag = language.lower()
    chosen = table.get(tag) or table.get(tag.split("-")[0])
    words = {name: value for name, value in _fields(english).items() if value is not None}
    if chosen is not None:
        words |= {name: value for name, value in _fields(chosen).items() if value is not None}
    date_format = words.pop("date_format", None) or "long"
    locale = _babel_locale(language) if chosen is not None else FALLBACK
    if locale != FALLBACK and chosen is not None and _fields(chosen).get("date_format") is None:
        date_format = "long"  # -- the language's usual long date --
    # -- otherwise English dates, in English's pattern: a language the file does not
    #    list, or one Babel does not know --
    return Labels(words, locale, date_format)


def _check_date_formats(read: source.Source, every: Mapping[str, BaseModel]) -> None:
    """Every language's ``date_format`` must be a date pattern Babel can write, so that a
    mistake is found by `check`, at its line, for any language, not by one build."""
    from babel.dates import format_date

    problems = []
    for tag, words in every.items():
        pattern = _fields(words).get("date_format")
        if pattern is None:
            continue
        try:
            format_date(dt.date(2026, 11, 26), pattern, locale="en")
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            where = read.position((tag, "date_format"))
            problems.append(
                Problem.in_file(
                    read.name,
                    f"not a date pattern: {err}",
                    hint="use CLDR letters: d (day), MMMM (month name), MM (month), y (year), "
                    "as in 'd MMMM y'",
                    line=where.line,
                    column=where.column,
                    field=(tag, "date_format"),
                    fault=Fault.TEMPLATE,
                )
            )
    if problems:
        raise BriefingError(problems)


def _problem(read: source.Source, tag: str, message: str, hint: str) -> BriefingError:
    """A problem with the language entry ``tag``, at its line."""
    where = read.position((tag,), key=True)
    return BriefingError(
        Problem.in_file(
            read.name,
            message,
            line=where.line,
            column=where.column,
            field=(tag,),
            hint=hint,
            fault=Fault.TEMPLATE,
        )
    )


def _fields(words: BaseModel | None) -> dict[str, str | None]:
    return dict(words) if words is not None else {}


def _babel_locale(language: str) -> str:
    """Babel's locale for a BCP 47 tag: the whole tag, its language alone, or English."""
    for candidate in (language, language.split("-")[0]):
        try:
            return str(Locale.parse(candidate, sep="-"))
        except (UnknownLocaleError, ValueError):
            continue
    return FALLBACK
