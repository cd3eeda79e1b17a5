"""A grammar of the items lists write, each read into one paper: table rows and list items.

Tables are read by what their header cells mean (``columns_of``), whatever the
column set; list items are ``[Title](url)`` lines with the lines that follow them;
``<details><summary>`` blocks are items when they hold a link. Both directions live
here: ``read_row``/``read_list_item`` read an item, ``write_row``/``write_list_item``
write one from a paper in the same form, so build can tell whether an item kept as
written still says what the paper's fields say.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from paperweek import markdown as md
from paperweek.grammar.dates import find_day
from paperweek.grammar.titles import IMAGE as _IMAGE
from paperweek.grammar.titles import LEAD_DATE as _LEAD_DATE
from paperweek.grammar.titles import NUMBER as _NUMBER
from paperweek.grammar.titles import TAIL_JUNK as _TAIL_JUNK
from paperweek.grammar.titles import clean_title, trailing_date
from paperweek.models import Link, Paper

# header words -> the role of a column (the first word found wins; order matters)
_ROLE_WORDS = (
    ("number", ("#", "no", "no.", "num", "nr", "number", "rank", "idx", "index", "s.no", "sr. no.", "id")),
    ("date", ("date", "published", "released", "release", "day", "when")),
    ("authors", ("author", "authors", "by")),
    ("abstract", ("abstract",)),
    ("summary", ("summary", "tl;dr", "tldr", "description", "notes", "note", "comment", "comments", "why",
                 "takeaway", "highlights", "key")),
    ("code", ("code", "repo", "repository", "github", "implementation")),
    ("pdf", ("pdf", "arxiv", "link to paper", "paper link", "url")),
    ("links", ("links", "link", "resources")),
    ("topics", ("topic", "topics", "tags", "tag", "category", "categories", "area", "field")),
    ("title", ("title", "name", "paper", "papers", "paper title", "work", "article")),
)
_TAGS = re.compile(r"<[^<>]+>")
_LIST = re.compile(r"^(?P<indent> {0,3})(?P<marker>[-*+]|\d{1,4}[.)])(?P<gap>[ \t]+)(?P<body>.*)$")
_ALIGN_CELL = re.compile(r"^:?-+:?$")
_EMPH = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+?)\1(?P<rest>.*)$", re.DOTALL)
_NULL = ("", "null", "none", "n/a", "-", "—", "–")
_AUTHOR_SPLIT = re.compile(r",\s*|(?<!\s)\s+and\s+")  # (?<!\s): linear on long runs of spaces
_BIBTEX_AND = re.compile(r"(?<!\s)\s+and\s+")


def author_names(text: str) -> list[str]:
    """The names of an author line, in order. arXiv's way, ``A. Smith, B. Jones and C. Wu``, is three
    names; BibTeX's, names joined by ``and`` each written ``Last, First`` or ``First Last``, is taken
    when no part between ``and`` holds two commas and either every part holds one (``Smith, A. and
    Jones, B.``) or there are three parts or more (arXiv writes one ``and``)."""
    parts = _BIBTEX_AND.split(text)
    commas = [part.count(",") for part in parts]
    bibtex = len(parts) > 1 and max(commas) <= 1 and (min(commas) == 1 or len(parts) > 2)
    return [a for a in (p.strip() for p in (parts if bibtex else _AUTHOR_SPLIT.split(text))) if a]


def split_authors(text: str) -> list[str]:
    """``author_names`` of a list's cell or line, markup stripped first."""
    return author_names(md.strip_markup(text))


@dataclass
class Item:
    """One item as written and the fields read from it."""

    line: int  # 1-based line of its first line
    text: str  # exactly as written (a list item may span lines)
    title: str = ""
    links: list[Link] = field(default_factory=list)
    released: dt.date | None = None
    summary: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date_text: str | None = None  # its date cell as written (read with the document's context by the importer)
    joined: bool = False  # a second paper of the row before it (``split_row``): written in that row


def role_of(header_cell: str) -> str:
    """What a header cell means: ``Publish Date`` -> date, ``Name`` -> title, ``PDF`` -> pdf."""
    name = " ".join(_TAGS.sub("", header_cell).replace("*", "").replace("_", " ").strip().lower().split())
    if not name:
        return "other"
    if name in ("#", "no", "no.", "nr", "#no", "s.no", "sr. no.", "sr.no", "idx"):
        return "number"  # the row's number: kept as written, never the title
    words = set(re.findall(r"[a-z;]+", name))
    for role, keys in _ROLE_WORDS:
        if name in keys:
            return role
    for role, keys in _ROLE_WORDS:
        if any(k in words for k in keys if " " not in k) or any(k in name for k in keys if " " in k):
            return role
    return "other"


def columns_of(header: str) -> list[str]:
    """The roles of a table's columns; the first unnamed text column is the title when none is named."""
    roles = [role_of(c) for c in md.split_row(header)]
    if "title" not in roles:
        for i, role in enumerate(roles):
            if role == "other":
                roles[i] = "title"
                break
    return roles


def is_align(line: str) -> bool:
    stripped = line.strip()
    if "-" not in stripped or ("|" not in stripped):
        return False
    cells = md.split_row(stripped)
    return bool(cells) and all(_ALIGN_CELL.match(c.replace(" ", "")) for c in cells if c.strip()) and any(
        c.strip() for c in cells
    )


def is_pipe_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") or ("|" in stripped.replace("\\|", "") and not stripped.startswith(("-", "*", "+", ">")))


_ANCHOR = re.compile(r"<a\s[^>]*?href=[\"']?(?P<url>[^\"' >]+)[\"']?[^>]*>(?P<text>.*?)</a>", re.IGNORECASE | re.DOTALL)


def as_markdown_links(text: str) -> str:
    """HTML anchors (``<a href="url">Title</a>``) written as Markdown links, so one reader reads both."""
    if "<a" not in text and "<A" not in text:
        return text
    return _ANCHOR.sub(lambda m: f"[{m.group('text')}]({m.group('url')})", text)


def has_link(text: str) -> bool:
    return "](" in text or _ANCHOR.search(text) is not None


def _links(text: str) -> list[Link]:
    text = as_markdown_links(text)
    if "](" not in text:
        return []
    links, _ = md.parse_links_with_gaps(text.replace("\\|", "|"))
    return [Link(label=md.strip_markup(link.label) or link.label, url="".join(link.url.split())) for link in links]


def _cell_value(text: str) -> str:
    value = text.strip()
    return "" if value.lower() in _NULL else value


def read_row(line: str, lineno: int, roles: list[str]) -> Item:
    """One table row, by the roles of its columns."""
    item = Item(line=lineno, text=line)
    cells = md.split_row(line.strip())
    for role, raw in zip(roles, cells, strict=False):
        value = _cell_value(raw)
        if not value:
            continue
        if role == "date":
            item.released = find_day(value)
            item.date_text = value
        elif role == "title":
            _read_title_cell(item, as_markdown_links(value))
        elif role == "authors":
            item.authors = split_authors(value)
        elif role == "summary":
            item.summary = value
        elif role == "abstract":
            item.abstract = md.strip_markup(value)
        elif role in ("pdf", "code", "links"):
            item.links.extend(_links(value))
        elif role == "topics":
            item.topics = [t.strip() for t in re.split(r"[,;/]", md.strip_markup(value)) if t.strip()]
    return item


_LABEL_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BOLD_SPAN = re.compile(r"(?<!\[)\*\*(?P<t>[^*]{4,}?)\*\*(?!\])")


_BOLD_REST = re.compile(r"^\s*(?:--|-|–|—|:)?\s*")


def _read_title_cell(item: Item, value: str) -> None:
    """``[Title](url) more words``, ``**Title**``, or ``(1) **Title** - summary`` (the seed's paper cell)."""
    item.links.extend(_links(value))
    body = _NUMBER.sub("", value, count=1)
    if body.startswith("**"):
        close = md.find_closing_bold(body, 2)
        if close is not None and body[close + 2 :].strip():
            rest = body[close + 2 :]
            item.title = clean_title(body[2:close])
            item.summary = item.summary or rest[_BOLD_REST.match(rest).end() :].strip()  # type: ignore[union-attr]
            return
    named = [link for link in item.links if not is_link_label(link.label)]
    if named:  # the text, with label links (``[pdf](…)``) left out: "[Title](…) System", "🔥[**Tag**] Title(@org)"
        item.title = clean_title(_LABEL_LINK.sub(lambda m: "" if is_link_label(m.group(1)) else m.group(0), body))
        return
    bold = _BOLD_SPAN.search(body) if "**" in body and not body.startswith("**") else None
    if bold:  # "Hassan et al., **Title**. ACL 2016": the bold text is the title
        item.title = clean_title(bold.group("t"))
    else:
        item.title = clean_title(body)


_LEADING_LINK = re.compile(r"^(?:\*\*)?\[(?!!)[^\]]{3,}\]\(<?(?P<url>https?://[^)\s>]+)>?\)")
_PAPER_HOSTS = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:arxiv\.org|openreview\.net|aclanthology\.org|aclweb\.org|doi\.org|"
    r"papers\.nips\.cc|proceedings\.\w+|semanticscholar\.org|ieeexplore\.ieee\.org|dl\.acm\.org|"
    r"link\.springer\.com|sciencedirect\.com|nature\.com|biorxiv\.org|medrxiv\.org|jmlr\.org|"
    r"openaccess\.thecvf\.com|ojs\.aaai\.org|ijcai\.org)/|\.pdf(?:[?#].*)?$|huggingface\.co/papers/|"
    r"paperswithcode\.com/paper/",
    re.IGNORECASE,
)


def leads_with_link(line: str) -> bool:
    """A line that starts with a link to a page (``[Title](https://…)``), not an image or an anchor."""
    return _LEADING_LINK.match(line) is not None


def first_url(text: str) -> str:
    found = re.search(r"\]\(<?(https?://[^)\s>]+)>?\)", as_markdown_links(text))
    return found.group(1) if found else ""


def is_paper_url(url: str) -> bool:
    """A link to a paper: arXiv, OpenReview, ACL Anthology, a DOI, a PDF, a proceedings or paper page."""
    return bool(url) and _PAPER_HOSTS.search(url) is not None


def carries_paper_link(line: str) -> bool:
    """A line holding a link to a paper whose text is a title, not a label (``<i>Title</i>: <a href=…>Title</a>``)."""
    if "](" not in line and "href" not in line.lower():
        return False
    links, _ = md.parse_links_with_gaps(as_markdown_links(line))
    return any(is_paper_url(link.url) and not is_link_label(link.label) and len(md.strip_markup(link.label).split()) >= 2
               for link in links)


_HTML_HEADING = re.compile(r"^\s*<h(?P<n>[1-6])[^>]*>(?P<t>.*?)</h(?P=n)>\s*$", re.IGNORECASE)


def html_heading(line: str) -> str | None:
    """The text of a line that is only an HTML heading (``<h3>Title</h3>``)."""
    found = _HTML_HEADING.match(line)
    return found.group("t") if found else None


_BARE_URL = re.compile(r"(?<![(<\"'=])\bhttps?://[^\s<>)\]\"']+")


def urls_in(text: str) -> list[str]:
    """Every URL of a text: its links' and the bare ones."""
    return [link.url for link in _links(text)] + [m.group(0).rstrip(".,;") for m in _BARE_URL.finditer(text)]


def bare_urls_item(text: str, in_list: bool) -> bool:
    """A list item whose links are bare URLs (``1. Blurb`` / ``  - Paper: https://arxiv.org/…``): an item when
    one is a paper's, or when it continues a list of such items (``  - https://project.github.io/``)."""
    bare = [m.group(0) for m in _BARE_URL.finditer(text)]
    return bool(bare) and (in_list or any(is_paper_url(url) for url in bare))


def _bare_links(text: str) -> list[Link]:
    """Bare URLs as links, labelled by the word before them (``Paper: https://…``)."""
    out = []
    for m in _BARE_URL.finditer(text):
        label = re.search(r"(\w[\w ]{0,20}?)\s*:\s*$", text[max(0, m.start() - 24) : m.start()])
        out.append(Link(label=label.group(1) if label else "", url=m.group(0).rstrip(".,;")))
    return out


def read_section(text: str, lineno: int) -> Item:
    """A paper's title as its own heading, with its notes and links below (``## Title`` … ``**Link:** https://…``)."""
    first, _, rest = text.partition("\n")
    found = md.ATX_HEADING.match(first)
    item = Item(line=lineno, text=text, title=clean_title(md.heading_text(found) if found else first))
    item.links = _links(rest) + [Link(label="", url=m.group(0).rstrip(".,;")) for m in _BARE_URL.finditer(rest)]
    return item


def read_card(text: str, lineno: int) -> Item:
    """An HTML card: ``<h3>Title</h3>`` and, a few lines below, its links (``<a href=…>Paper Link</a>``)."""
    first, _, rest = text.partition("\n")
    item = Item(line=lineno, text=text, title=clean_title(html_heading(first) or first))
    item.links = _links(rest)
    item.summary = " ".join(md.strip_markup(line) for line in rest.split("\n") if md.strip_markup(line)
                            and "href" not in line.lower())
    return item


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def split_row(item: Item, roles: list[str]) -> list[Item]:
    """Several papers in one title cell (``[A](…) (ICLR 2014) <br> [B](…) (NIPS 2014)``): one item each, all
    written as the one row (the first carries it); a row holding one paper is itself."""
    if "title" not in roles or "<br" not in item.text.lower():
        return [item]
    cells = md.split_row(item.text.strip())
    at = roles.index("title")
    if at >= len(cells):
        return [item]
    parts = [p for p in _BR.split(_IMAGE.sub("", cells[at])) if any(not is_link_label(link.label) for link in _links(p))]
    if len(parts) < 2:
        return [item]
    out = []
    for part in parts:
        named = next(link for link in _links(part) if not is_link_label(link.label))
        out.append(Item(line=item.line, text=item.text, title=clean_title(named.label), links=_links(part),
                        released=item.released, summary=item.summary, authors=list(item.authors),
                        topics=list(item.topics), date_text=item.date_text))
    return out


def list_marker(line: str) -> re.Match[str] | None:
    return _LIST.match(line)


# a reference without a link: "Title, ICLR 2019", "Hassan et al., Title. Microsoft research preprint 2018"
_REFERENCE = re.compile(r"^(?P<t>\S.{8,}?)[,.]\s+(?P<v>[A-Z][\w&'’ -]{1,40}?\s(?:19|20)\d\d)\.?\s*$")


def reads_as_reference(text: str) -> bool:
    """A list item with no link that reads as a reference: a title, then a venue and its year."""
    first = text.split("\n", 1)[0]
    found = _LIST.match(first)
    return found is not None and _REFERENCE.match(md.strip_markup(found.group("body"))) is not None


def read_list_item(text: str, lineno: int, lead_title: bool = False) -> Item:
    """``_read_list_item``, with a ``(2015-12)`` written after the title read as the item's date."""
    item = _read_list_item(text, lineno, lead_title)
    if not item.links and "](" not in text:  # links written as bare URLs, on the lines below the title
        item.links = _bare_links(text)
        item.title = re.sub(r"^(?:paper|title)\s*:\s*", "", item.title, flags=re.IGNORECASE)  # ``Paper: __T__``
    after = trailing_date(text.split("\n", 1)[0]) if item.links else None
    if after is not None and item.released is None:  # ``[Title](url) — *Topic* (2025-11-27)``: its day
        item.released = find_day(after)
    if not item.links:
        reference = _REFERENCE.match(item.title)
        if reference is not None:  # "Title, ICLR 2019": the venue and year are not the title
            item.title = reference.group("t")
    if item.title.endswith(")"):  # "Title (2015-12)", "Title (Jul 2019)", "Title (ICLR 2019)"
        rest = _TAIL_JUNK.sub("", item.title).strip()
        if rest and rest != item.title:
            item.date_text = trailing_date(item.title) or item.title[len(rest):].strip(" ()")
            item.title = rest
    return item


def _read_list_item(text: str, lineno: int, lead_title: bool = False) -> Item:
    """``1. [Title](url)``, ``* **Week 1** [*Title*, Authors](notes), paper here: [PDF](…)``, then the
    lines below it (indented lines or ``- `` sub-items) as the summary. ``lead_title``: the block's
    links repeat like labels (``([진오](…))``, ``([:x:](…))``), so the title is the text before them."""
    item = Item(line=lineno, text=text)
    first, *rest = text.split("\n")
    match = _LIST.match(first)
    body = match.group("body") if match else first
    # a link broken over two lines ends on the next line: read the first line with its lazy continuations
    head_lines = [body]
    summary_lines: list[str] = []
    for extra in rest:
        stripped = extra.strip()
        if not summary_lines and stripped and not _LIST.match(extra.lstrip()) and not extra.startswith((" ", "\t")):
            head_lines.append(stripped)
        elif stripped:
            sub = _LIST.match(stripped)
            summary_lines.append(sub.group("body") if sub else stripped)
    head = as_markdown_links(" ".join(head_lines))
    links, pieces = md.parse_links_with_gaps(head)
    if lead_title and links and md.strip_markup(pieces[0]).strip(" ([-–—:,"):
        lead = _LEAD_DATE.sub("", pieces[0].strip())
        bold = re.search(r"\*\*(?P<t>.+?)\*\*", lead)
        item.title = clean_title(bold.group("t") if bold else lead).rstrip(" ([-–—:,<")
        item.links = _links(head)
        item.summary = " ".join(summary_lines)
        return item
    lead = md.strip_markup(pieces[0]) if links else ""
    if links and is_link_label(links[0].label) and lead and not find_day(lead):
        # ``**Title** - summary [arXiv](…) [Code](…)``: the links are labels, the title is the text before them
        item.links = _links(head)
        emph = _EMPH.match(pieces[0].strip())
        if emph:
            item.title = md.strip_markup(emph.group("inner"))
            tail = re.sub(r"^(?:--|-|–|—|:)\s*", "", md.strip_markup(emph.group("rest")))
        else:
            parts = re.split(r"\s+(?:--|-|–|—)\s+", lead, maxsplit=1)  # " : " is inside titles
            item.title, tail = parts[0], parts[1] if len(parts) > 1 else ""
        item.title = item.title.rstrip(" :-–—,[(")  # ``Title [[link](…)]``: the bracket is the link's
        item.summary = " ".join(filter(None, [tail.rstrip(" :-–—,"), *summary_lines]))
        return item
    if links:
        title_text = links[0].label
        emph = _EMPH.match(title_text.strip())
        if emph and emph.group("rest").lstrip().startswith(","):
            item.title = md.strip_markup(emph.group("inner"))
            item.authors = split_authors(emph.group("rest")[1:])
        else:
            item.title = md.strip_markup(title_text)
        item.links = _links(head)
        lead = md.strip_markup(pieces[0])
        item.released = find_day(lead) if lead else None
        tail = re.sub(r"^[\s,;:–—-]+", "", md.strip_markup(pieces[-1])) if len(pieces) > 1 else ""
        if len(tail) > 3:  # ``[Title](url) - why it matters``
            summary_lines.insert(0, tail)
    else:
        emph = _EMPH.match(head.strip())
        if emph:
            item.title = md.strip_markup(emph.group("inner"))
            tail = emph.group("rest").strip()
            tail = re.sub(r"^(?:--|-|–|—|:)\s*", "", tail)
            if tail:
                summary_lines.insert(0, tail)
        else:
            item.title = md.strip_markup(head)
    item.summary = " ".join(summary_lines)
    return item


_LABELS = frozenset((
    "paper", "pdf", "arxiv", "abs", "html", "code", "github", "repo", "repository", "project", "page", "website",
    "site", "blog", "link", "demo", "video", "slides", "dataset", "data", "model", "models", "huggingface", "hf",
    "tweet", "twitter", "x", "openreview", "poster", "notes", "review", "summary", "doi", "url", "homepage",
    "colab", "talk", "ppt", "pptx", "recording", "youtube", "podcast", "audio", "news", "press", "thread",
    "discussion", "reddit", "medium", "zhihu", "bilibili",
))
_ID_LABEL = re.compile(r"^(?:arxiv:)?\d{4}\.\d{4,5}(?:v\d+)?$", re.IGNORECASE)


def is_link_label(label: str) -> bool:
    """Whether a link's text is a label (``Paper``, ``[code]``, ``2301.11823v1``) rather than a title."""
    text = md.strip_markup(label).strip("[]()<> ").lower()
    words = text.replace("-", " ").split()
    return bool(_ID_LABEL.match(text)) or (0 < len(words) <= 2 and all(w in _LABELS for w in words))


def read_details(text: str, lineno: int) -> Item:
    """``<details><summary>Title</summary> … links and text … </details>``."""
    item = Item(line=lineno, text=text)
    found = re.search(r"<summary>(?P<s>.*?)</summary>", text, re.DOTALL | re.IGNORECASE)
    summary_text = found.group("s") if found else ""
    item.title = clean_title(summary_text)
    inner = text[found.end() :] if found else text
    inner = re.sub(r"</details>\s*$", "", inner.strip(), flags=re.IGNORECASE)
    item.links = _links(summary_text) + _links(inner) + [
        Link(label=md.strip_markup(m.group(2)), url=m.group(1))
        for m in re.finditer(r"<a\s+href=[\"']?(https?://[^\"' >]+)[\"']?[^>]*>(.*?)</a>", inner, re.DOTALL)
    ]
    body = [md.strip_markup(line) for line in inner.split("\n") if md.strip_markup(line)]
    item.summary = " ".join(body)
    return item


def item_paper(item: Item, paper_id: str, tags: list[str]) -> Paper:
    return Paper(
        id=paper_id,
        title=item.title,
        summary=item.summary,
        abstract=item.abstract,
        released=item.released,
        links=list(item.links),
        authors=list(item.authors),
        tags=tags,
        raw=item.text,
    )


def same_fields(item: Item, paper: Paper) -> bool:
    """Whether an item as written still says what the paper's fields say (a title written cut short, ``A C…``,
    says its full form)."""
    cut = item.title.rstrip(".…").rstrip()
    title = item.title if item.title == paper.title or not (
        item.title.endswith(("…", "...")) and paper.title.startswith(cut)) else paper.title
    return (title, item.links, item.released, item.summary, item.authors) == (
        paper.title,
        paper.links,
        paper.released,
        paper.summary,
        paper.authors,
    )
