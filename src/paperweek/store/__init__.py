"""The log on disk: paperweek.toml, one YAML file per week, atomic writes, a lock."""

from paperweek.store.log import Log, open_log

__all__ = ["Log", "open_log"]
