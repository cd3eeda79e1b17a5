"""The operations layer: what each command does to a log, as library functions.

Each module owns one job (adding papers, editing, moving, removing, refreshing,
creating a log, checking it, tagging, the digest). Operations read and write the
log through ``paperweek.store`` and call down into render/sources/summarize/cache;
nothing below this package imports it, and the CLI above only parses and prints.
See docs/architecture.md.
"""
