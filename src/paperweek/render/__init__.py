"""Rendering the log: README themes, and the parser that reads a README back."""
