"""The fast week-file reader: its depth guard holds whichever YAML library reads (or refuses) the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperweek.store.weekfile import _fastyaml as fastyaml

DEEP_FLOW = "papers:\n  - " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_BLOCK = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))


@pytest.mark.parametrize("text", [DEEP_FLOW, DEEP_BLOCK], ids=["flow", "block"])
def test_too_deep_is_refused_even_when_libyaml_refuses_first(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # PyYAML 6.0.4's libyaml stops at depth 1,000 with its own error, before any event reaches the
    # depth count; and without libyaml there are no events at all. ruamel must never see such text.
    monkeypatch.setattr(fastyaml, "_load_events", lambda _text: None)
    with pytest.raises(fastyaml.TooDeep):
        fastyaml.load(text)


def test_real_week_files_are_far_below_the_limit(log: Path) -> None:
    weeks = sorted((log / "weeks").glob("*.yaml"))
    assert weeks
    for week in weeks:
        assert fastyaml.nesting(week.read_text(encoding="utf-8")) < fastyaml.MAX_DEPTH // 2


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("a: 1\n", 1),
        ("a:\n  - b: [1, {c: 2}]\n", 5),
        ("a: 'x[y{'\nb: \"q\\\"[\"\n", 1),  # brackets inside quotes do not count
        ("a: 1  # [[[[\n", 1),  # nor in comments
    ],
)
def test_nesting_is_an_upper_bound(text: str, depth: int) -> None:
    assert fastyaml.nesting(text) == depth
