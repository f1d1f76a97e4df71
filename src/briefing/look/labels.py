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
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, RootModel

from briefing.content import source
from briefing.content.model_errors import validate_as
from briefing.errors import BriefingError, Fault, Problem

LABELS_FILE = "labels.yaml"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")
FALLBACK = "en"


class Words(BaseModel):
    """One language's words; any left out are the English ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date_format: str | None = None
    kicker: str | None = None
    date: str | None = None
    prepared_by: str | None = None
    prepared_for: str | None = None
    classification: str | None = None
    contents: str | None = None
    summary_kicker: str | None = None
    summary: str | None = None
    takeaways: str | None = None
    section: str | None = None
    key_points: str | None = None
    sources_kicker: str | None = None
    sources: str | None = None
    table: str | None = None
    page: str | None = None
    of: str | None = None
    agenda: str | None = None
    source: str | None = None
    table_notes: str | None = None
    continued: str | None = None
    closing: str | None = None
    agenda_notes: str | None = None
    sources_notes: str | None = None
    closing_notes: str | None = None
    view: str | None = None
    analysis: str | None = None
    key_figures: str | None = None
    decision: str | None = None
    options: str | None = None
    recommendation: str | None = None
    next_steps: str | None = None
    action: str | None = None
    owner: str | None = None
    due: str | None = None
    quote: str | None = None
    highlighted: str | None = None
    rows: str | None = None
    draft: str | None = None
    version: str | None = None
    figure: str | None = None
    figure_notes: str | None = None
    credit: str | None = None
    logo: str | None = None
    data_notes: str | None = None
    options_title: str | None = None
    option_detail: str | None = None
    effort: str | None = None
    timing: str | None = None
    risk: str | None = None
    appendix: str | None = None


class LabelsFile(RootModel[dict[str, Words]]):
    """The whole file: language tag -> words."""


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
    every = validate_as(read, LabelsFile).root
    _check_date_formats(read, every)
    table: dict[str, Words] = {}
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
    if locale != FALLBACK and chosen is not None and chosen.date_format is None:
        date_format = "long"  # -- the language's usual long date --
    # -- otherwise English dates, in English's pattern: a language the file does not
    #    list, or one Babel does not know --
    return Labels(words, locale, date_format)


def _check_date_formats(read: source.Source, every: Mapping[str, Words]) -> None:
    """Every language's ``date_format`` must be a date pattern Babel can write, so that a
    mistake is found by `check`, at its line, for any language, not by one build."""
    from babel.dates import format_date

    problems = []
    for tag, words in every.items():
        if words.date_format is None:
            continue
        try:
            format_date(dt.date(2026, 11, 26), words.date_format, locale="en")
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


def _fields(words: Words | None) -> dict[str, str | None]:
    return dict(words) if words is not None else {}


def _babel_locale(language: str) -> str:
    """Babel's locale for a BCP 47 tag: the whole tag, its language alone, or English."""
    for candidate in (language, language.split("-")[0]):
        try:
            return str(Locale.parse(candidate, sep="-"))
        except (UnknownLocaleError, ValueError):
            continue
    return FALLBACK
