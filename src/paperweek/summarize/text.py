"""Plain-text tools shared by the drafters: sentences, the list's voice, length.

``split_sentences`` knows the abbreviations of paper abstracts ("e.g.",
"i.e.", "et al.", "Fig. 2", "Eq. 3", "vs.") and never splits inside numbers
("3.5") or URLs. ``third_person`` rewrites first-person prose in the voice of
the list ("We introduce X" -> "The paper introduces X", "our" -> "their");
``fit`` cuts at a sentence boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from paperweek.words import cut_at_word

# Tokens (lower-cased, with their final dot) after which a sentence never ends.
_NEVER_ENDS = {
    "e.g.", "i.e.", "al.", "et al.", "fig.", "figs.", "eq.", "eqs.", "sec.", "secs.", "tab.", "ref.",
    "refs.", "vs.", "cf.", "no.", "nos.", "vol.", "pp.", "p.", "approx.", "resp.", "w.r.t.", "viz.",
    "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "jr.", "inc.", "ltd.", "co.", "corp.", "dept.", "univ.",
    "appx.", "app.", "ch.", "def.", "thm.", "lem.", "prop.", "alg.", "algo.", "ex.", "incl.", "est.",
    "min.", "max.", "avg.", "u.s.", "u.k.", "e.u.", "a.k.a.", "aka.", "ca.", "c.f.", "i.i.d.", "iid.",
}  # fmt: skip
_END = re.compile(r"(?<![.!?…])([.!?…]+)([\"”’')\]]*)(\s+)")  # one try per run of dots: linear
_SENTENCE_START = re.compile(r"[\"“‘'(\[]*[A-Z0-9]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:github\.io|com|org|net|io)/\S*")

# Research verbs (base form) that may follow "we"; conjugated for "The paper".
_VERB_WORDS = """
    propose introduce present develop design study investigate explore show demonstrate find analyze
    analyse examine evaluate address describe establish provide build construct derive prove formulate
    release report offer extend leverage apply identify compare conduct consider focus tackle revisit
    challenge argue highlight discuss characterize characterise quantify benchmark train curate collect
    create contribute define devise employ observe obtain outline perform pose reveal seek suggest survey
    test uncover use validate verify adopt adapt augment combine compute decompose discover distill enable
    enhance formalize generalize implement improve incorporate integrate measure mitigate optimize pretrain
    reformulate replace learn explain frame assess attempt bridge document unify theorize construct simulate
    model aim achieve examine review detail assemble fine-tune open-source introduce deploy collect annotate
    conclude confirm delineate elucidate infer investigate motivate instantiate interpret leverage pinpoint
    posit provide recast reproduce scale share showcase solve sketch summarize synthesize systematize
    translate outperform estimate extract generate determine utilize utilise exploit examine inspect
    probe tackle target perform run carry conduct ask make attribute hypothesize give take trace refer
    illustrate treat organize organise decouple advocate add complement begin operationalize represent draw
    refine resolve align position isolate inject recommend categorize map reframe cast note expand
    formalise audit include convert close reduce enforce expose distinguish shift answer reconstruct
    assume predict pair ground envision classify overcome equip transform turn initialize vary select
    view initiate connect rethink encode ensure follow contend embed recover conceptualize approach sample
    maintain prompt support publish render reinterpret localize experiment diagnose anticipate capture
    articulate emphasize fuse plan repurpose retain finetune advance modify specify contrast condition
    allow project separate impose replicate update remove couple process produce disentangle score
    partition delve pioneer divide relate conjecture compile preserve notice account restrict approximate
    consolidate calibrate fix assign aggregate redesign realize strengthen induce avoid claim stress
    manipulate clarify detect control simplify fill require guide anchor retrieve compress relax lift
    constrain pursue filter question specialize track freeze cover invert deliver situate choose redefine
    encourage depart fit regularize eliminate ablate dissect settle elicit link bring group mask compose
    face steer enrich execute express elaborate catalog point reach retrain transfer label upgrade state
    adjust calculate visualize insert operationalise parameterize activate unveil recognize invoke
    increase rank feed empower broaden merge internalize deduce deconstruct match engineer boost justify
    postulate substantiate restore facilitate normalize prioritize prototype emulate corroborate denote
    minimize maximize modulate replay borrow condense exemplify bypass tailor segment compensate route
"""
_VERBS = set(_VERB_WORDS.split())
_ADVERBS = {
    "also", "further", "then", "thus", "therefore", "first", "next", "finally", "additionally", "hence",
    "subsequently", "moreover", "furthermore", "now", "instead", "here", "still", "ultimately",
}  # fmt: skip
_ADVERB = r"(?:(?:[a-z]+ly|" + "|".join(sorted(_ADVERBS)) + r")\s+)"
# "In this paper, we propose" / "Here we show" / "In this work we" ...
_FRAME = re.compile(
    r"^(?:In|Within|Through)\s+(?:this|the\s+present)\s+"
    r"(?P<noun>paper|work|study|article|letter|report|note|survey|thesis|manuscript|position\s+paper|"
    r"technical\s+report|short\s+paper|contribution|research)\s*,?\s+we\s+",
    re.IGNORECASE,
)
_HERE = re.compile(r"^(?:Here|Herein|Hereby)\s*,?\s+we\s+", re.IGNORECASE)
_WE_START = re.compile(r"^We\s+")
_PAPER_SUBJECT = re.compile(r"^(?:This|The)\s+(?:paper|work|study|article|letter|report)\b")
# A leading clause pointing back at text that is no longer there: "To address this, we ...".
_ANAPHORIC_LEAD = re.compile(
    r"^(?:(?:To|In\s+order\s+to)\s+\w+|To\s+this\s+end|In\s+response|Motivated\s+by|Inspired\s+by|"
    r"Building\s+(?:on|upon)|Based\s+on|Therefore|Thus|Hence|Consequently|Accordingly|"
    r"Against\s+this\s+backdrop|With\s+this\s+in\s+mind)\b[^,]{0,80},\s+(?=we\s)",
    re.IGNORECASE,
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|these|such|that|those|above|end|response|backdrop|mind)\b", re.I)
_CONTRIBUTION_VERBS = (
    r"(?:propose|present|introduce|develop|design|address|study|investigate|explore|build|construct|"
    r"release|curate|create|formulate|offer|devise|describe|report|examine|analy[sz]e|tackle|revisit)"
)
_CONTRIBUTION = re.compile(
    r"^(?:We|Our)\s|^(?:This|The\s+present)\s+(?:paper|work|study|article|letter|report)\b|"
    rf"\bwe\s+{_ADVERB}{{0,2}}{_CONTRIBUTION_VERBS}\b|"
    rf"\b(?:this|the\s+present)\s+(?:paper|work|study|article|letter|report)\s+{_ADVERB}{{0,2}}"
    rf"{_CONTRIBUTION_VERBS}(?:s|es)\b",
    re.IGNORECASE,
)
_QUOTED_WORD = r"(?<![\"“‘'])\b{}\b(?![\"”’'])"
_WE = re.compile(_QUOTED_WORD.format("[Ww]e"))
_OUR = re.compile(_QUOTED_WORD.format("(?:[Oo]ur|[Oo]urs|[Oo]urselves|us|[Ww]e've|[Ww]e're|[Ww]e'll)"))


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations, numbers and URLs whole."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end(2)
        rest = text[match.end() :]
        if not _SENTENCE_START.match(rest):
            continue
        token = text[start : match.start(1)].rsplit(" ", 1)[-1].lstrip("\"“‘'([")
        dots = match.group(1)
        if dots == "." and _is_abbreviation(token, text[start : match.start(1)], rest):
            continue
        sentences.append(text[start:end].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(token: str, before: str, rest: str) -> bool:
    word = token.lower() + "."
    if word in _NEVER_ENDS or before.lower().endswith(" et al"):
        return True
    if "." in token and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return True  # "e.g", "U.S", "w.r.t" spelled without the set
    if word == "etc.":
        return not rest[:1].isupper()
    # An initial: "J. Smith", "A. B. Author" (but "type A. The" ends a sentence).
    if len(token) == 1 and token.isupper():
        previous = before[:-1].rstrip().rsplit(" ", 1)[-1] if len(before) > 1 else ""
        following = rest.split(" ", 1)[0]
        return bool(re.fullmatch(r"[A-Z]\.", previous) or re.fullmatch(r"[A-Z]\.", following))
    return False


def _third_singular(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(verb) > 1 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def is_research_verb_3s(word: str) -> bool:
    """Whether ``word`` is a research verb in the third person singular ("introduces", "studies")."""
    if not word.endswith("s"):
        return False
    bases = {word[:-1], word[:-2], word[:-3] + "y"}
    return any(base in _VERBS and _third_singular(base) == word for base in bases)


def paper_subject(sentence: str) -> str | None:
    """"This paper" in "This paper proposes X" (the paper as subject of a research verb), else None."""
    match = _PAPER_SUBJECT.match(sentence)
    if match is None:
        return None
    words = re.findall(r"[A-Za-z][A-Za-z-]*", sentence[match.end() : match.end() + 60])[:2]
    if words and (is_research_verb_3s(words[0]) or (
        len(words) == 2 and (words[0].endswith("ly") or words[0] in _ADVERBS) and is_research_verb_3s(words[1])
    )):
        return match.group(0)
    return None


_CONNECTIVES = {
    "also", "further", "then", "thus", "therefore", "hence", "instead", "additionally", "moreover",
    "furthermore", "subsequently", "consequently", "accordingly", "now", "here", "still", "finally",
}  # fmt: skip


def _conjugate_head(rest: str) -> str | None:
    """``rest`` starts with [adverbs] VERB (list)?: return it with the verbs in the third person.

    None when the first verb is not a known research verb, or when a verb further on in
    the sentence may share the subject ("... and show that"): the caller then keeps a
    plural subject, which is right whatever follows.
    """
    match = re.match(rf"{_ADVERB}{{0,2}}", rest)
    lead = match.group(0) if match else ""
    body = rest[len(lead) :]
    first = re.match(r"([a-z][a-z-]*)\b", body)
    if not first or first.group(1) not in _VERBS:
        return None
    # An adjacent list of verbs: "design, implement, and evaluate".
    listed = re.match(
        r"([a-z][a-z-]*)((?:\s*,\s*[a-z][a-z-]*)*)(\s*,?\s+(?:and|or)\s+)([a-z][a-z-]*)\b", body
    )
    words: list[str]
    consumed = 0
    if listed and all(w in _VERBS for w in [listed.group(1), listed.group(4), *_split_list(listed.group(2))]):
        words = [listed.group(1), *_split_list(listed.group(2)), listed.group(4)]
        consumed = listed.end()
        head = body[:consumed]
        for word in words:
            head = re.sub(rf"\b{re.escape(word)}\b", _third_singular(word), head, count=1)
    else:
        words = [first.group(1)]
        consumed = first.end()
        head = _third_singular(first.group(1))
    tail = body[consumed:]
    # Another base-form verb coordinated later on would need the same subject: let the caller fall back.
    if _coordinated_verb(tail):
        return None
    # The summary's first statement: "We therefore propose" -> "The paper proposes".
    lead = "".join(w + " " for w in lead.split() if w.lower() not in _CONNECTIVES)
    return lead + head + tail


def _coordinated_verb(text: str) -> bool:
    """Whether a known base-form verb follows "and", "or", "then", "but" or a comma in ``text``."""
    previous: list[str] = []
    for match in re.finditer(r"[A-Za-z]+|[,;:()]", text):
        word = match.group(0)
        if word in _VERBS:
            joiners = [w for w in previous[-3:] if not (w.endswith("ly") or w in _ADVERBS)]
            if joiners and joiners[-1] in {"and", "or", "then", "but", ","}:
                return True
        previous.append(word)
    return False


def _split_list(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _replace_pronouns(sentence: str, authors_named: bool, they_first: bool = False) -> tuple[str, bool]:
    """we -> the authors (then they), our -> their, us -> them, ours -> theirs.

    ``they_first``: the sentence before had "The authors" as subject, so a leading "We" is "They".
    """
    count = 1 if they_first and sentence.startswith("We ") else 0

    def we(match: re.Match[str]) -> str:
        nonlocal count, authors_named
        count += 1
        word = "the authors" if count == 1 else "they"
        authors_named = True
        return _capitalize(word) if match.group(0)[0] == "W" else word

    sentence = _WE.sub(we, sentence)

    def our(match: re.Match[str]) -> str:
        nonlocal authors_named
        word = match.group(0)
        lower = word.lower()
        if lower in ("we've", "we're", "we'll"):
            replaced = {"we've": "the authors have", "we're": "the authors are", "we'll": "the authors will"}[lower]
            authors_named = True
        elif lower == "our":
            replaced = "their" if authors_named else "the authors'"
            authors_named = True
        else:
            replaced = {"ours": "theirs", "ourselves": "themselves", "us": "them"}[lower]
        return _capitalize(replaced) if word[0].isupper() else replaced

    sentence = _OUR.sub(our, sentence)
    return sentence, authors_named


def third_person(sentences: Sequence[str]) -> list[str]:
    """Rewrite first-person sentences in the list's voice.

    The first sentence that speaks as "we" gets the paper as its subject ("This paper
    proposes", "The paper introduces") when its verb is a known research verb; later ones,
    and any "we" elsewhere, become "the authors" (plural, so every verb still agrees).
    """
    out: list[str] = []
    paper_named = False
    authors_named = False
    for sentence in sentences:
        rewritten: str | None = None
        frame = _FRAME.match(sentence)
        here = _HERE.match(sentence)
        we_start = _WE_START.match(sentence)
        if frame and not paper_named:
            noun = re.sub(r"\s+", " ", frame.group("noun").lower())
            head = _conjugate_head(sentence[frame.end() :])
            if head is not None:
                rewritten = f"This {noun} {head}"
        elif (here or we_start) and not paper_named:
            match = here or we_start
            assert match is not None
            head = _conjugate_head(sentence[match.end() :])
            if head is not None:
                rewritten = f"The paper {head}"
        elif frame or here:
            # A second framing: "In this paper, we also show" -> "The authors also show".
            match = frame or here
            assert match is not None
            rewritten = "The authors " + sentence[match.end() :]
            authors_named = True
        if rewritten is not None:
            sentence = rewritten
        if rewritten is not None or _PAPER_SUBJECT.match(sentence):
            paper_named = True
        they_first = bool(out) and out[-1].startswith(("The authors ", "They "))
        sentence, authors_named = _replace_pronouns(sentence, authors_named, they_first)
        out.append(_capitalize(sentence))
    return out


_CONNECTIVE_LEAD = re.compile(
    r"^(?:However|Yet|But|Nevertheless|Nonetheless|Moreover|Furthermore|Additionally|In\s+addition|"
    r"Instead|Still|Thus|Therefore|Hence|Consequently|Specifically|Meanwhile)\s*,\s+(?=\S)"
)


def drop_connective(sentence: str) -> str:
    """ "However, much prior work ..." -> "Much prior work ..." (for a summary's first sentence)."""
    match = _CONNECTIVE_LEAD.match(sentence)
    return _capitalize(sentence[match.end() :]) if match else sentence


def drop_anaphoric_lead(sentence: str) -> str:
    """ "To address this gap, we propose X" -> "we propose X" (for a summary's first sentence)."""
    match = _ANAPHORIC_LEAD.match(sentence)
    if match and _DEMONSTRATIVE.search(match.group(0)):
        return _capitalize(sentence[match.end() :])
    return sentence


_POINTER = re.compile(
    r"\b(?:this|these|such|those)\s+(?!(?:paper|work|study|article|letter|report|note|survey)\b)[a-z]",
    re.IGNORECASE,
)


def points_back(sentence: str, window: int = 60) -> bool:
    """Whether the start of ``sentence`` refers back ("these mechanisms", "this effect")."""
    return bool(_POINTER.search(sentence[:window]))


def lead_index(sentences: Sequence[str], limit: int = 6) -> int:
    """Index of the first sentence that states the paper's contribution (0 when none)."""
    for i, sentence in enumerate(sentences[:limit]):
        if _CONTRIBUTION.search(sentence) or _FRAME.match(sentence) or _HERE.match(sentence):
            return i
    return 0


def has_url(sentence: str) -> bool:
    return bool(_URL.search(sentence))


def ensure_end(sentence: str) -> str:
    """A sentence that ends with sentence punctuation."""
    sentence = sentence.rstrip()
    if re.search(r"[.!?…][\"”’')\]]*$", sentence):
        return sentence
    return sentence.rstrip(",;:-–— ") + "."


def fit(sentences: Iterable[str], max_chars: int) -> str:
    """Whole sentences up to ``max_chars``; a lone longer first sentence is cut at a word with "…"."""
    picked: list[str] = []
    length = 0
    for sentence in sentences:
        sentence = ensure_end(sentence)
        extra = len(sentence) + (1 if picked else 0)
        if length + extra > max_chars:
            if not picked:
                return cut_at_word(sentence, max_chars)
            break
        picked.append(sentence)
        length += extra
    return " ".join(picked)


