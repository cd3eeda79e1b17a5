"""The one Jinja2 sandbox for templates that come with a repository (themes, prompts), bounded in work.

Jinja2's ``SandboxedEnvironment`` keeps a template away from Python's internals, not from work:
``{{ "a" * 10**13 }}`` asks for 10 TB, nested ``range`` loops for 10^15 steps. Here every operation
that can make a large value is checked before it runs, and a render has budgets:

- ``*``, ``**`` and ``%`` (intercepted operators), ``str`` methods and filters: no value made longer
  than ``MAX_VALUE`` characters or items by repetition or padding, no number of more than ``MAX_BITS``
  bits, no argument whose length times that of the value it works on passes ``MAX_PRODUCT``;
- ``range``: at most ``MAX_RANGE_STEPS`` items in all the ranges of one render;
- output: at most ``output_cap`` characters (callers scale it with the data: bytes in, not work);
- time: ``PAPERWEEK_TEMPLATE_TIMEOUT`` seconds (default 60) on the main thread of a POSIX system.

Crossing one is ``TemplateBudget`` (a ``SecurityError``): one line naming the template, exit 2.
"""

from __future__ import annotations

import math
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from paperweek.env import env_number

MAX_VALUE = 1_000_000  # characters of one string, items of one list
MAX_PRODUCT = 100_000_000  # length of a value times that of an argument of a filter or method on it
MAX_BITS = 4096  # bits of one integer
MAX_RANGE_STEPS = 1_000_000  # items of all the ranges of one render
DEFAULT_OUTPUT = 16 * 2**20  # characters a render may write besides what the data accounts for
_BIG_WIDTH = re.compile(r"\d{7,}|\*")  # a format width of a million or more, or one given as an argument
_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\d{7,}|\*)")  # the same in a %-format


def sandbox(**options: Any) -> Any:
    """A bounded ``SandboxedEnvironment`` with ``options`` (loader, undefined, ...)."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class TemplateBudget(SecurityError):
        """A template asked for more work or memory than any README or prompt needs."""

    def refuse(what: str) -> None:
        raise TemplateBudget(f"{what}: more than a template may ask for (docs/safety.md, resource bounds)")

    def check_args(args: tuple[Any, ...], kwargs: dict[str, Any], subject: Any = None) -> None:
        """No huge number as an argument, and no argument that, with the value it works on, could make
        a value of more than MAX_PRODUCT (``big|replace("x", big)``, ``big|join(big)``)."""
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
                refuse(f"the argument {value}")
            sized = isinstance(subject, (str, list, tuple)) and isinstance(value, (str, list, tuple))
            if sized and len(subject) * len(value) > MAX_PRODUCT:
                refuse(f"a value of {len(subject)} x {len(value)}")

    class Bounded(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**", "%"])

        def __init__(self, **kw: Any) -> None:
            super().__init__(**kw)
            self.range_steps = 0
            self.globals["range"] = self._range
            self.filters = {name: self._guarded(f) for name, f in self.filters.items()}

        def _range(self, *args: int) -> range:
            steps = range(*args)
            self.range_steps += len(steps)
            if self.range_steps > MAX_RANGE_STEPS:
                refuse(f"ranges of {self.range_steps} items in all")
            return steps

        @staticmethod
        def _guarded(function: Any) -> Any:
            skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1  # context, then the value

            @wraps(function)
            def guarded(*args: Any, **kwargs: Any) -> Any:
                value = args[skip - 1] if len(args) >= skip else None
                check_args(args[skip:], kwargs, value)
                if isinstance(value, str) and re.search(_PERCENT_WIDTH, value):  # the format filter: value % args
                    refuse("a %-format width")
                return function(*args, **kwargs)

            return guarded

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_VALUE:
                        refuse(f"a value of {len(seq)} x {times}")
            powers = operator == "**" and isinstance(left, int) and isinstance(right, int)
            if powers and abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > MAX_BITS:
                refuse(f"{left} ** {right}")
            if operator == "%" and isinstance(left, str) and re.search(_PERCENT_WIDTH, left):
                refuse("a %-format width")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            check_args(args, kwargs, getattr(__obj, "__self__", None))
            return SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            wrapper = super().wrap_str_format(value)
            if wrapper is None:
                return None
            if any(_BIG_WIDTH.search(spec) for spec in re.findall(r"\{[^{}]*:([^{}]*)\}", value.__self__)):
                refuse("a format width")

            def checked(*args: Any, **kwargs: Any) -> Any:
                check_args(args, kwargs, value.__self__)
                return wrapper(*args, **kwargs)

            return checked

    return Bounded(**options)


def render_bounded(template: Any, output_cap: int | Callable[[], int], **context: Any) -> str:
    """``template`` rendered with ``context``, stopped past ``output_cap`` characters or the time limit.

    ``output_cap`` may be a function: it is called only if the output grows past ``DEFAULT_OUTPUT``,
    so a cap scaled with a large log's data costs nothing while the README stays small."""
    from jinja2.exceptions import SecurityError

    parts: list[str] = []
    size = 0
    limit, pending = (output_cap, None) if isinstance(output_cap, int) else (DEFAULT_OUTPUT, output_cap)
    with _time_limit(env_number("TEMPLATE_TIMEOUT")):
        for part in template.generate(**context):
            size += len(part)
            if size > limit and pending is not None:
                limit, pending = pending(), None
            if size > limit:
                raise SecurityError(
                    f"output past {limit:,} characters: more than a template may ask for "
                    "(docs/safety.md, resource bounds)"
                )
            parts.append(part)
    return "".join(parts)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """SIGALRM after ``seconds`` turns into a SecurityError inside the render (main thread, POSIX only)."""
    from jinja2.exceptions import SecurityError

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(*_: Any) -> None:  # a signal handler: (signum, frame)
        raise SecurityError(
            f"still running after {seconds:g} s (PAPERWEEK_TEMPLATE_TIMEOUT): more than a template may ask for"
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
