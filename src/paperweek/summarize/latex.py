"""LaTeX-ish abstract text -> plain text, with pylatexenc.

arXiv abstracts are *almost* LaTeX: authors write ``$\\times$``, ``\\emph{…}``,
``\\cite{…}`` and ``--``, but also raw ``50%``, ``H&E``, ``#P-hard``, bare URLs
with underscores and the odd ``$127`` meaning dollars. Fed to a LaTeX parser
as they are, a raw ``%`` would swallow the rest of the line as a comment. So the
text is first made into valid LaTeX (URLs set aside, raw ``%``/``&``/``#``
escaped, an unpaired currency ``$`` escaped), then pylatexenc turns it into
Unicode text, with a few macros overridden for a summary: citations,
references and footnotes vanish, ``\\url``/``\\href`` keep their visible text,
font switches keep their content, and a paper's own macros (``\\ours``,
``\\method``) show their name rather than nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.macrospec import LatexContextDb

_URL = re.compile(r"(?<![{\w])(?:https?://|www\.)[^\s{}<>\"]+")
_URL_TRAIL = ".,;:!?)]'"
_RAW_SPECIAL = re.compile(r"(?<!\\)([%&#])")
_DOLLAR = re.compile(r"(?<!\\)\$")
_WS = re.compile(r"\s+")
_MARKUP = re.compile(r"[\\$~{}]|--|``|''")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+([,.;:!?)\]])")  # one try per run of spaces: linear
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*[,;]?\s*\]")
_PLACEHOLDER = "PWURLPLACEHOLDER{}X"
_DOLLAR_PLACEHOLDER = "PWDOLLARPLACEHOLDERX"
_PLACEHOLDER_RE = re.compile(r"PWURLPLACEHOLDER(\d+)X")

# Macros whose only argument is shown as it is (font, colour and math-alphabet switches).
_KEEP_CONTENT = (
    "mathcal", "mathbb", "mathbf", "mathrm", "mathsf", "mathit", "mathtt", "mathfrak", "mathscr",
    "boldsymbol", "bm", "textsc", "textsf", "texttt", "textrm", "textnormal", "textup", "textmd",
    "text", "mbox", "operatorname", "underline", "uline", "textsuperscript", "textsubscript",
    "emph", "textbf", "textit", "textsl",
)  # fmt: skip
# Macros (with their arguments) that a summary leaves out.
_DROP = {
    "cite": "*[[{", "citep": "*[[{", "citet": "*[[{", "citealp": "*[[{", "citeauthor": "*[[{",
    "citeyear": "*[[{", "parencite": "*[[{", "textcite": "*[[{", "ref": "{", "eqref": "{",
    "autoref": "{", "cref": "{", "Cref": "{", "label": "{", "footnote": "[{", "footnotemark": "[",
    "thanks": "{", "vspace": "*{", "hspace": "*{", "noindent": "", "newline": "",
}  # fmt: skip
# Common abbreviation macros of paper preambles.
_WORDS = {
    "eg": "e.g.", "ie": "i.e.", "etal": "et al.", "etc": "etc.", "vs": "vs.", "wrt": "w.r.t.",
    "cf": "cf.", "LaTeX": "LaTeX", "TeX": "TeX", "dots": "...", "ldots": "...", "cdots": "...",
}  # fmt: skip


def _arg_text(l2t: Any, node: Any, index: int) -> str:
    args = node.nodeargd.argnlist if node.nodeargd is not None else []
    if index >= len(args) or args[index] is None:
        return ""
    return str(l2t.nodelist_to_text([args[index]]))


def _verbatim_arg(node: Any, index: int) -> str:
    args = node.nodeargd.argnlist if node.nodeargd is not None else []
    if index >= len(args) or args[index] is None:
        return ""
    arg = args[index]
    nodes = getattr(arg, "nodelist", None)
    if nodes is None:
        return str(arg.latex_verbatim())
    return "".join(str(n.latex_verbatim()) for n in nodes)


@lru_cache(maxsize=1)
def _contexts() -> tuple[LatexContextDb, LatexContextDb]:
    from pylatexenc import latex2text, latexwalker, macrospec

    walker_db = latexwalker.get_default_latex_context_db()
    text_db = latex2text.get_default_latex_context_db()

    walker_macros = [macrospec.MacroSpec(name, "{") for name in _KEEP_CONTENT]
    walker_macros += [macrospec.MacroSpec(name, spec) for name, spec in _DROP.items()]
    walker_macros += [macrospec.MacroSpec("url", "{"), macrospec.MacroSpec("href", "{{")]
    walker_macros += [macrospec.MacroSpec(name, "") for name in _WORDS]
    walker_macros += [macrospec.MacroSpec("textcolor", "[{{"), macrospec.MacroSpec("colorbox", "[{{")]
    walker_db.add_context_category("paperweek", macros=walker_macros, prepend=True)

    keep = [
        latex2text.MacroTextSpec(name, simplify_repl=lambda n, l2tobj: _arg_text(l2tobj, n, 0))
        for name in _KEEP_CONTENT
    ]
    drop = [latex2text.MacroTextSpec(name, simplify_repl="") for name in _DROP]
    words = [
        latex2text.MacroTextSpec(name, simplify_repl=lambda n, text=text: text + n.macro_post_space)
        for name, text in _WORDS.items()
    ]
    links = [
        latex2text.MacroTextSpec("url", simplify_repl=lambda n: _verbatim_arg(n, 0)),
        latex2text.MacroTextSpec("href", simplify_repl=lambda n, l2tobj: _arg_text(l2tobj, n, 1)),
        latex2text.MacroTextSpec("textcolor", simplify_repl=lambda n, l2tobj: _arg_text(l2tobj, n, 2)),
        latex2text.MacroTextSpec("colorbox", simplify_repl=lambda n, l2tobj: _arg_text(l2tobj, n, 2)),
    ]
    text_db.add_context_category("paperweek", macros=keep + drop + words + links, prepend=True)
    # A paper's own macro (\ours, \method, \modelname): its name beats a hole in the sentence.
    text_db.set_unknown_macro_spec(latex2text.MacroTextSpec("", simplify_repl=lambda n: n.macroname + n.macro_post_space))
    return walker_db, text_db


@lru_cache(maxsize=1)
def _converter() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text

    _, text_db = _contexts()
    return LatexNodes2Text(latex_context=text_db, math_mode="text")


def _escape_unpaired_dollars(text: str) -> str:
    """Escape ``$`` signs that are currency, not math, so that math delimiters pair up."""
    positions = [m.start() for m in _DOLLAR.finditer(text)]
    if len(positions) % 2 == 0:
        return text
    # An odd count: the last currency-looking one ("$127", "under $50") is a literal dollar.
    currency = [p for p in positions if p + 1 < len(text) and text[p + 1].isdigit()]
    if not currency:
        return text  # an unclosed math span: the parser takes it as math, its "$" goes
    pos = currency[-1]
    return text[:pos] + "\\" + text[pos:]


def _trim_url(url: str) -> tuple[str, str]:
    """Split trailing sentence punctuation off a bare URL."""
    core = url.rstrip(_URL_TRAIL)
    # Keep a closing parenthesis that closes one opened inside the URL.
    while url[len(core) : len(core) + 1] == ")" and core.count("(") > core.count(")"):
        core += ")"
    return core, url[len(core) :]


def latex_to_text(text: str) -> str:
    """Abstract text with LaTeX markup -> plain Unicode text on one line."""
    if not _MARKUP.search(text):
        return tidy(text)  # most abstracts: nothing for the (slow, character-by-character) parser
    from pylatexenc import latexwalker

    urls: list[str] = []

    def hide(match: re.Match[str]) -> str:
        core, trail = _trim_url(match.group(0))
        urls.append(core)
        return _PLACEHOLDER.format(len(urls) - 1) + trail

    prepared = _URL.sub(hide, text)
    prepared = _RAW_SPECIAL.sub(r"\\\1", prepared)
    prepared = _escape_unpaired_dollars(prepared)
    # Literal dollars ("\\$5") survive as placeholders; any other "$" left after parsing is markup.
    prepared = prepared.replace("\\$", _DOLLAR_PLACEHOLDER)
    walker_db, _ = _contexts()
    converter = _converter()
    try:
        walker = latexwalker.LatexWalker(prepared, latex_context=walker_db, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
        plain = str(converter.nodelist_to_text(nodes))
    except (latexwalker.LatexWalkerError, IndexError, ValueError, AttributeError):
        # Malformed beyond what tolerant parsing recovers: drop the markup characters instead.
        plain = re.sub(r"\\[A-Za-z]+\*?|[{}$\\]", " ", prepared)
    plain = plain.replace("$", " ").replace("\\", " ").replace(_DOLLAR_PLACEHOLDER, "$")
    plain = _PLACEHOLDER_RE.sub(lambda m: urls[int(m.group(1))], plain)
    return tidy(plain)


def tidy(text: str) -> str:
    """Whitespace normalised (non-breaking and thin spaces too), no space before punctuation."""
    text = _WS.sub(" ", text).strip()
    text = _EMPTY_BRACKETS.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return _WS.sub(" ", text).strip()
