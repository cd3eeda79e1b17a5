"""arXiv's category taxonomy (arxiv.org/category_taxonomy), for checking ``--arxiv CATS``.

A typo in a category would otherwise make an API search that quietly finds nothing and a
filter that drops every cached candidate; an unknown one is an input error naming the closest.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from paperweek.errors import Param, ParamError

_ARCHIVES = {
    "cs": "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL "
    "RO SC SD SE SI SY",
    "econ": "EM GN TH",
    "eess": "AS IV SP SY",
    "math": "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST",
    "astro-ph": "CO EP GA HE IM SR",
    "cond-mat": "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con",
    "nlin": "AO CD CG PS SI",
    "physics": "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph "
    "geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph",
    "q-bio": "BM CB GN MO NC OT PE QM SC TO",
    "q-fin": "CP EC GN MF PM PR RM ST TR",
    "stat": "AP CO ME ML OT TH",
}
_STANDALONE = (
    "astro-ph",
    "gr-qc",
    "hep-ex",
    "hep-lat",
    "hep-ph",
    "hep-th",
    "math-ph",
    "nucl-ex",
    "nucl-th",
    "quant-ph",
    "cond-mat",
)

CATEGORIES: frozenset[str] = frozenset(
    [f"{archive}.{sub}" for archive, subs in _ARCHIVES.items() for sub in subs.split()] + list(_STANDALONE)
)
_BY_FOLDED = {c.lower(): c for c in CATEGORIES}


def closest(name: str, n: int = 3) -> list[str]:
    """The valid categories most like ``name`` (same archive first when nothing is close)."""
    folded = name.lower()
    matches = difflib.get_close_matches(folded, sorted(_BY_FOLDED), n=n, cutoff=0.6)
    if not matches:
        archive = folded.split(".", 1)[0]
        matches = [c for c in sorted(_BY_FOLDED) if c.split(".", 1)[0] == archive][:n]
    if not matches:
        matches = difflib.get_close_matches(folded, sorted(_BY_FOLDED), n=n, cutoff=0.0)
    return [_BY_FOLDED[m] for m in matches]


ARXIV = Param("arxiv")


def parse_categories(text: str, option: Param = ARXIV) -> list[str]:
    """``cs.CV,cs.CL`` -> ["cs.CV", "cs.CL"] (case repaired); a ParamError names an unknown one and the closest."""
    cats = list(dict.fromkeys(c.strip() for c in re.split(r"[,\s]+", text) if c.strip()))
    if not cats:
        raise ParamError(option, f" {text!r}: give arXiv categories such as cs.CV,cs.CL")
    out = []
    for cat in cats:
        known = _BY_FOLDED.get(cat.lower())
        if known is None:
            raise ParamError(
                option,
                f": {cat!r} is not an arXiv category; closest: {', '.join(closest(cat))} (see arxiv.org/category_taxonomy)",
            )
        out.append(known)
    return out


def matches(categories: Sequence[str], wanted: Sequence[str]) -> bool:
    """Does a paper with ``categories`` carry any of ``wanted``?"""
    return not wanted or any(c in wanted for c in categories)
