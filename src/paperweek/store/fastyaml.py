"""Fast reading of week files: plain data built from libyaml's event stream.

PyYAML's C loader still composes nodes, resolves every scalar and constructs
objects in Python; building dicts and lists straight from libyaml's events is
about 2.5x faster, which is what lets a 100,000-paper log be read in seconds.
Plain scalars are typed by the YAML 1.2 core schema, restricted to what week
files hold (null, booleans, decimal integers, ISO dates). Anything else --
anchors, aliases, explicit tags, other number forms, duplicate keys -- makes
``load`` return None, and the caller reads the file with ruamel.yaml, which
is authoritative and reports precise line numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DECIMAL = re.compile(r"[-+]?[0-9]+$")
_OTHER_NUMBER = re.compile(
    r"0o[0-7]+$|0x[0-9a-fA-F]+$|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|[-+]?\.(inf|Inf|INF)$|\.(nan|NaN|NAN)$"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MAY_NOT_BE_TEXT = frozenset("0123456789-+.~nNtTfF")
_NULLS = frozenset(("null", "Null", "NULL", "~"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


class _Unsupported(Exception):
    """A construct this reader leaves to ruamel.yaml."""


def _plain(value: str) -> Any:
    if not value:
        return None
    if value[0] not in _MAY_NOT_BE_TEXT:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _Unsupported from None
    if _DECIMAL.match(value):
        return int(value)
    if _OTHER_NUMBER.match(value):
        raise _Unsupported
    return value


def load(text: str) -> Any:
    """The document as dicts, lists and scalars, or None when libyaml is missing or the text needs ruamel."""
    try:
        import yaml
        from yaml import events
    except ImportError:
        return None
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
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
                if event.anchor or (event.tag and event.tag != "!"):
                    raise _Unsupported
                value = _plain(event.value) if not event.style and event.implicit[0] else event.value
            elif kind is map_start or kind is seq_start:
                if event.anchor or event.tag:
                    raise _Unsupported
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
                if not isinstance(value, str) or value in top:
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
