"""BibTeX / biblatex export.

Papers are ``@misc`` entries. arXiv papers follow the biblatex convention
for e-prints (``eprint``, ``archivePrefix = {arXiv}``, ``primaryClass``), with
``url`` and the arXiv DOI. Items with neither an arXiv id nor a DOI nor a
journal reference (a blog post added with ``--title/--url``) are ``@online``
with ``url`` and ``urldate``, as biblatex and Zotero expect for web pages.
Text is escaped for LaTeX with pylatexenc (``&`` -> ``{\\&}``, ``é`` ->
``{\\'e}``); BibTeX counts braces even after a backslash, so in a field whose braces would not
balance that way (``Safe}, note = {x`` would close it) a brace of the text is ``\\textbraceleft{}``. ``$...$`` math in
titles and abstracts is kept as written when its braces balance and every command in it is a
math symbol or construct (``_MATH_COMMANDS``); other math (``$\\input{/etc/passwd}$``) is text. And
words with capitals after their first letter (``LLMs``, ``CodecLM``) are braced
so bibliography styles do not lower-case them -- the word only, not the
punctuation around it (``{MuSViT}:``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from paperweek.export.items import ExportedPaper, once_each
from paperweek.export.names import split_name, without_et_al
from paperweek.markdown import plain

_MATH = re.compile(r"(\$[^$]+\$)")
_INNER_CAPITAL = re.compile(r"^.+[A-Z]")
# Punctuation around a word that stays outside the braces protecting it.
_EDGES = re.compile(r"^([(\[\"'“‘]*)(.*?)([)\]\"'”’:;,.!?…]*)$")


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=False,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


# ASCII that pylatexenc leaves as it is: text made only of these needs no encoder call (most words).
_PLAIN_ASCII = re.compile(r"^[ !'()*+,\-./0-9:;=?@A-Z\[\]`a-z|]*$")


def _to_latex(text: str) -> str:
    if _PLAIN_ASCII.match(text):
        return text
    return str(_encoder().unicode_to_latex(text))


_BRACES = {"\\{": "\\textbraceleft{}", "\\}": "\\textbraceright{}"}


def field_value(value: str) -> str:
    """A field's value that BibTeX cannot close early: its braces balance as BibTeX counts them (every
    brace, escaped or not), else each escaped brace of the text is written ``\\textbraceleft{}``."""
    if _balanced(value):
        return value
    return re.sub(r"\\[{}]", lambda m: _BRACES[m.group()], value)


# Math kept as written may use these commands only: the symbols pylatexenc writes for Unicode
# characters, and the constructs of math mode. Anything else (``\input``, ``\write``, ``\def``,
# ``\csname``) makes the formula text, so a title can never run a command.
_MATH_CONSTRUCTS = frozenset(
    [
        "frac", "dfrac", "tfrac", "sqrt", "mathbb", "mathcal", "mathrm", "mathbf", "mathit", "mathsf",
        "mathtt", "mathfrak", "boldsymbol", "text", "textrm", "textbf", "textit", "operatorname", "left",
        "right", "big", "Big", "bigg", "Bigg", "hat", "tilde", "bar", "vec", "dot", "ddot", "overline",
        "underline", "widehat", "widetilde", "overrightarrow", "binom", "sum", "prod", "int", "oint", "lim",
        "sup", "inf", "max", "min", "log", "ln", "exp", "sin", "cos", "tan", "arg", "det", "dim", "ker", "Pr",
        "mid", "top", "cdot", "cdots", "ldots", "dots", "vdots", "ddots", "quad", "qquad", "circ", "prime",
        "limits", "nolimits", "mathop", "not", "neq", "leq", "geq", "infty", "partial", "nabla", "in",
        "notin", "subset", "subseteq", "cup", "cap", "times", "div", "pm", "mp", "to", "gets", "approx",
        "sim", "simeq", "equiv", "propto", "ell", "forall", "exists", "emptyset", "varepsilon", "vartheta",
        "varphi", "varrho", "varsigma", "varpi"
    ]
)
_COMMAND = re.compile(r"\\([A-Za-z]+|.?)")


@lru_cache(maxsize=1)
def _math_commands() -> frozenset[str]:
    from pylatexenc.latexencode import _uni2latexmap

    symbols = {name for value in _uni2latexmap.uni2latex.values() for name in re.findall(r"\\([A-Za-z]+)", value)}
    return frozenset(symbols | _MATH_CONSTRUCTS)


def _safe_math(math: str) -> bool:
    """``$...$`` that may be kept as written: balanced braces, only math commands, no line-level ones."""
    allowed = _math_commands()
    for name in _COMMAND.findall(math):
        if name.isalpha() and name not in allowed:
            return False
        if not name.isalpha() and name not in (",", ";", ":", "!", " ", "|", "_", "^", "&", "%", "#", "$", "{", "}", "\\"):
            return False
    return _balanced(math)


def latex_escape(text: str) -> str:
    """Plain text -> LaTeX text that typesets as exactly that text."""
    return _to_latex(" ".join(text.split()))


def _balanced(text: str) -> bool:
    """Braces balance as BibTeX counts them: every brace, escaped or not."""
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _protected(word: str) -> str:
    """One title word, escaped; braced when it has inner capitals (punctuation around it left outside)."""
    if not word:
        return ""
    lead, core, trail = _EDGES.match(word).groups()  # type: ignore[union-attr]  # the pattern matches anything
    if not core or not _INNER_CAPITAL.match(core):
        return latex_escape(word)
    return latex_escape(lead) + "{" + latex_escape(core) + "}" + latex_escape(trail)


def latex_text(text: str, protect: bool = False) -> str:
    """Text for BibTeX: escaped, ``$math$`` kept; with ``protect``, capitalised words braced (titles)."""
    text = " ".join(text.split())
    parts = _MATH.split(text)
    keep_math = text.count("$") % 2 == 0 and all(_safe_math(p) for p in parts[1::2])
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2 == 1 and keep_math:
            out.append(part)
        elif protect:
            out.append(" ".join(_protected(word) for word in part.split(" ")))
        else:
            out.append(_to_latex(part))  # spaces next to $math$ kept
    return "".join(out)


def latex_title(text: str) -> str:
    """A title for BibTeX: escaped, ``$math$`` kept, capitalised words protected with braces."""
    return latex_text(text, protect=True)


def _protect_url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def bibtex_name(name: str) -> str:
    """One author in ``von Last, Jr, First`` form (unambiguous for BibTeX), LaTeX-escaped."""
    parts = split_name(name)
    if not parts.given and not parts.particle and not parts.suffix:
        return "{" + latex_escape(parts.family) + "}"  # one word or an organisation: never split
    family = latex_escape(parts.family)
    if " " in parts.family or re.search(r"\band\b", parts.family, re.IGNORECASE):
        family = "{" + family + "}"
    last = f"{latex_escape(parts.particle)} {family}".strip()
    given = latex_escape(parts.given)
    if re.search(r"\band\b", parts.given, re.IGNORECASE):
        given = "{" + given + "}"
    if parts.suffix:
        return f"{last}, {latex_escape(parts.suffix)}, {given}"
    return f"{last}, {given}"


def entry(item: ExportedPaper) -> str:
    """One ``@misc`` entry (``@online`` for a web page)."""
    paper = item.paper
    fields: list[tuple[str, str]] = []
    if item.authors:
        names = [without_et_al(a) for a in item.authors]  # "Ahmadi et al." -> "Ahmadi, ..." and others
        others = " and others" if any(more for _, more in names) else ""
        fields.append(("author", " and ".join(bibtex_name(name) for name, _ in names) + others))
    fields.append(("title", latex_title(plain(paper.title or paper.raw or paper.id))))
    day = item.date
    fields.append(("year", str(day.year)))
    fields.append(("date", day.isoformat()))
    arxiv_id = paper.arxiv_id
    if arxiv_id:
        fields.append(("eprint", arxiv_id))
        fields.append(("archivePrefix", "arXiv"))
        primary = item.primary_category
        if primary:
            fields.append(("primaryClass", latex_escape(primary)))
    if item.url:
        fields.append(("url", _protect_url(item.url)))
        if item.is_web:
            fields.append(("urldate", item.accessed.isoformat()))
    if item.doi:
        fields.append(("doi", _protect_url(item.doi)))
    if paper.journal_ref:
        fields.append(("note", latex_escape(plain(paper.journal_ref))))
    if item.tags:
        fields.append(("keywords", latex_escape(", ".join(item.tags))))
    abstract = item.abstract_text
    if abstract:
        fields.append(("abstract", latex_text(abstract)))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{field_value(value)}}}" for name, value in fields)
    kind = "online" if item.is_web else "misc"
    return f"@{kind}{{{item.key},\n{body}\n}}\n"


def render_bibtex(items: list[ExportedPaper]) -> str:
    """A .bib file: one entry per paper (a paper logged twice appears once)."""
    return "\n".join(entry(item) for item in once_each(items))
