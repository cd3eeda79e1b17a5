"""Fast reading of week files: plain data built from libyaml's event stream.

PyYAML's C loader still composes nodes, resolves every scalar and constructs
objects in Python; building dicts and lists straight from libyaml's events is
about 2.5x faster, which is what lets a 100,000-paper log be read in seconds.

It gives exactly what the authoritative reader (ruamel.yaml, in
_roundtrip.py) gives with implicit typing switched off: a plain scalar is
its text as a ``str``, a quoted or block scalar a ``str`` subclass, and
_schema.py types each field. Anything ruamel would build differently
-- anchors, aliases, explicit tags, duplicate keys, several documents, complex
keys, a tab anywhere -- makes ``load`` return None, and the caller reads the file with ruamel.
"""

from __future__ import annotations

from typing import Any

# Week files nest five levels (papers, a paper, links, a link); deeper is not a week file, and
# refusing it here keeps a hostile file from sending ruamel's recursive composer into RecursionError.
MAX_DEPTH = 32


class Quoted(str):
    """A quoted or block scalar: text however it looks (ruamel: a ScalarString subclass)."""

    __slots__ = ()


class TooDeep(Exception):
    """The document nests deeper than any week file."""


class _Unsupported(Exception):
    """A construct this reader leaves to ruamel.yaml."""


def load(text: str) -> Any:
    """The document as dicts, lists and text, or None when libyaml is missing or the text needs ruamel.

    Raises ``TooDeep`` for a document nested deeper than ``MAX_DEPTH``: checked on the events when
    libyaml reads the text, else (libyaml missing, or refusing the text itself: PyYAML 6.0.4's
    libyaml stops at depth 1,000 with its own error) by ``nesting`` before ruamel sees it.
    """
    doc = _load_events(text)
    if doc is None and nesting(text) > MAX_DEPTH:
        raise TooDeep
    return doc


def nesting(text: str) -> int:
    """An upper bound on the text's nesting depth, in one linear pass that no YAML parser takes part in.

    Block depth: the stack of indentation levels (each ``- `` that opens a line counts one more);
    flow depth: ``[``/``{`` outside quotes and comments. Their sum is never below the real depth.
    """
    indents: list[int] = []
    block = flow = deepest_block = deepest_flow = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = 0
            while stripped.startswith("- ") or stripped == "-":
                dashes += 1
                stripped = stripped[2:].lstrip(" ")
            block = len(indents) + dashes
            deepest_block = max(deepest_block, block)
        quote = ""
        previous = " "
        for char in line:
            if quote:
                if char == quote and not (quote == '"' and previous == "\\"):
                    quote = ""
            elif char in "'\"" and (previous in " \t[{,:"):
                quote = char
            elif char == "#" and previous in " \t":
                break
            elif char in "[{":
                flow += 1
                deepest_flow = max(deepest_flow, flow)
            elif char in "]}":
                flow = max(0, flow - 1)
            previous = char
    return deepest_block + deepest_flow


def _load_events(text: str) -> Any:
    """``load`` without the depth check of texts libyaml does not read."""
    try:
        import yaml
        from yaml import events
    except ImportError:
        return None
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None or "\t" in text:
        # libyaml accepts a tab inside a plain scalar in a flow list (``[0<TAB>0]``), ruamel.yaml
        # refuses it (found by the Hypothesis test): text with a tab is left to ruamel
        return None
    scalar, map_start, seq_start = events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent
    map_end, seq_end, alias = events.MappingEndEvent, events.SequenceEndEvent, events.AliasEvent
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    documents = 0
    event: Any
    parser = loader(text)
    get_event = parser.get_event
    stream_end = events.StreamEndEvent
    try:
        while True:
            event = get_event()
            kind = event.__class__
            if kind is stream_end:
                break
            if kind is scalar:
                if event.anchor or event.tag:
                    raise _Unsupported
                value = event.value if not event.style else Quoted(event.value)
            elif kind is map_start or kind is seq_start:
                if event.anchor or event.tag:
                    raise _Unsupported
                if len(stack) >= MAX_DEPTH:
                    raise TooDeep
                if stack and stack[-1].__class__ is dict and keys[-1] is None:
                    raise _Unsupported  # a mapping or list as a key
                stack.append({} if kind is map_start else [])
                keys.append(None)
                continue
            elif kind is map_end or kind is seq_end:
                value = stack.pop()
                keys.pop()
            elif kind is alias:
                raise _Unsupported
            else:
                if kind is events.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _Unsupported
                continue
            if not stack:
                root = value
                continue
            top = stack[-1]
            if top.__class__ is list:
                top.append(value)
            elif keys[-1] is None:
                if value in top:
                    raise _Unsupported
                keys[-1] = value
            else:
                top[keys[-1]] = value
                keys[-1] = None
    except (_Unsupported, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
    return root
