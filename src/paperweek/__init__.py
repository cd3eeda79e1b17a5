"""paperweek: keep a weekly log of research papers as plain text, publish it as a README."""

__version__ = "0.1.0"
