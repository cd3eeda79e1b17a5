"""The bounded Jinja2 sandbox (render/sandbox.py): the output cap, given as a number or as a function."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from paperweek.render import sandbox as bounded


def test_a_cap_given_as_a_function_is_counted_only_for_a_large_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "DEFAULT_OUTPUT", 1000)
    asked: list[int] = []

    def cap() -> int:
        asked.append(1)
        return 1500

    env = bounded.sandbox()
    small = env.from_string('{{ "x" * 900 }}')
    assert bounded.render_bounded(small, cap) == "x" * 900 and not asked  # never counted: output under 1,000
    medium = env.from_string('{{ "x" * 1400 }}')
    assert bounded.render_bounded(medium, cap) == "x" * 1400 and asked == [1]  # past 1,000: counted, allowed
    large = env.from_string('{% for i in range(10) %}{{ "x" * 500 }}{% endfor %}')
    with pytest.raises(SecurityError, match="output past 1,500 characters"):
        bounded.render_bounded(large, cap)


def test_a_cap_given_as_a_number_holds_from_the_first_character() -> None:
    env = bounded.sandbox()
    with pytest.raises(SecurityError, match="output past 100 characters"):
        bounded.render_bounded(env.from_string('{{ "x" * 101 }}'), 100)
    assert bounded.render_bounded(env.from_string('{{ "x" * 100 }}'), 100) == "x" * 100
