"""Bound the work a template may do: ``(template, context) -> str`` within limits of loop
iterations, string sizes, output size and time, or a :class:`TemplateLimit` at its line.

Jinja's sandbox limits what a template can *reach*, not how much it does:
``{{ ("x" * 1500000000) | length }}`` takes 1.5 GB and two nested ``range(100000)`` loops
run for hours. A template (perhaps from a third-party pack) lays out the briefing; it does
not generate text. So the environment here, an immutable sandbox (no ``list.append``,
``dict.update``), also

- counts every iteration of every ``{% for %}`` loop of one render against
  :data:`MAX_ITERATIONS`, and looks at the clock as it does (:data:`MAX_SECONDS`);
- refuses ``*`` and ``+`` on strings and lists, and ``~``, whose result would pass
  :data:`MAX_STRING` characters, and a ``**`` with a large exponent, before computing them;
- refuses a call or filter given a number past :data:`MAX_STRING` (``center``, ``indent``,
  ``ljust``, ``wordwrap`` ... build a string that long) or a format width that large;
- stops the output at :data:`MAX_OUTPUT` characters.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_ITERATIONS = 1_000_000  # loop turns in one render; a long briefing's page takes ~20,000
MAX_STRING = 60_000_000  # characters in one computed string: a page with its fonts and pictures
MAX_REPEAT = 1_000_000  # characters (or items) ``*`` and a width argument may make
MAX_OUTPUT = 200_000_000  # characters one render may write
MAX_SECONDS = 60.0  # one render; the built-in templates take well under a second
_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{7,}|\{[^}]*:[^}]*\d{7,}")


class TemplateLimit(jinja2.TemplateRuntimeError):
    """A template that would do more work than a template does."""


class _Budget:
    def __init__(self) -> None:
        self.turns = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self) -> None:
        self.turns += 1
        if self.turns > MAX_ITERATIONS:
            raise TemplateLimit(
                f"the template's loops ran more than {MAX_ITERATIONS:,} times in one render"
            )
        if self.turns % 1024 == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"the template ran for more than {MAX_SECONDS:g} seconds")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # -- rendered outside :func:`render`: a budget of its own --
        budget = _Budget()
        _BUDGET.set(budget)
    return budget


def _counted(iterable: Iterable[Any]) -> Iterator[Any]:
    budget = _budget()
    for item in iterable:
        budget.spend()
        yield item


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _concat(join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
    """``a ~ b``: the size is known before the string is made."""
    if sum(_length(p) if isinstance(p, str) else 0 for p in parts) > MAX_STRING:
        raise TemplateLimit(f"a string made with ~ would pass {MAX_STRING:,} characters")
    return join(parts)


class _Generator(CodeGenerator):
    """Jinja's code generator, with ``~`` going through :func:`_concat`."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat(")
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join)")
        else:
            self.write("markup_join" if frame.eval_ctx.autoescape else "str_join")
        self.write(", (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


# -- what builds a string as long as a number it is given, or as wide as a format says --
_WIDENING_FILTERS = {"center", "indent", "wordwrap", "truncate", "format", "replace"}
_WIDENING_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"}


def _checked_args(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and abs(value) > MAX_REPEAT:
            raise TemplateLimit(f"{name}: the number {value:,} is too large for a template")
        if isinstance(value, str) and len(value) < 200 and _WIDE_FORMAT.search(value):
            raise TemplateLimit(f"{name}: the format width in {value!r} is too large")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    if name not in _WIDENING_FILTERS:
        return function

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _checked_args(f"the filter {name}", args, kwargs)
        if name == "replace" and len(args) >= 3 and isinstance(args[-3], str):
            text, old, new = (str(a) for a in args[-3:])
            grows = (text.count(old) if old else len(text) + 1) * max(0, len(new) - len(old))
            if len(text) + grows > MAX_STRING:
                raise TemplateLimit(f"the filter replace would pass {MAX_STRING:,} characters")
        return function(*args, **kwargs)

    return bounded


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable Jinja sandbox whose renders are bounded (see the module's docstring)."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "+", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.bounded_concat = _concat
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters["_briefing_counted"] = _counted

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, every ``{% for %}`` iterating through the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, "_briefing_counted", [], [], None, None, lineno=loop.lineno
            )
        return tree

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        sized = (str, list, tuple)
        if operator == "*":
            seq, count = (left, right) if isinstance(left, sized) else (right, left)
            made = len(seq) * count if isinstance(seq, sized) and isinstance(count, int) else 0
            if made > MAX_REPEAT:
                raise TemplateLimit(
                    f"* would make {made:,} characters or items (at most {MAX_REPEAT:,} in a "
                    "template)"
                )
        elif operator == "+" and isinstance(left, sized) and isinstance(right, sized):
            if len(left) + len(right) > MAX_STRING:
                raise TemplateLimit(f"+ would pass {MAX_STRING:,} characters or items")
        elif operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise TemplateLimit(f"** with the exponent {right} is too large for a template")
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` (wrapped by the sandbox): a width past the limit is refused first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        owner = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _checked_args("format", (str(owner)[:200], *args), kwargs)
            return str(wrapped(*args, **kwargs))

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        method = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and method in _WIDENING_METHODS:
            # -- the string itself is the format of str.format --
            _checked_args(method, (owner[:200], *args), kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """``template`` rendered with ``context``, within one fresh budget and :data:`MAX_OUTPUT`."""
    token = _BUDGET.set(_Budget())
    try:
        budget = _budget()
        out: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"the template wrote more than {MAX_OUTPUT:,} characters")
            budget.check_time()
            out.append(chunk)
        return "".join(out)
    finally:
        _BUDGET.reset(token)
