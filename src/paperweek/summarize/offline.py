"""The default drafter: a summary made from the abstract alone, without network.

Steps: LaTeX markup -> plain text (``latex.latex_to_text``); sentences split;
background sentences before the contribution skipped (``[summary] lead``);
sentences holding URLs dropped (the Links column carries code links); first
person rewritten in the list's voice, opening as the log's summaries do; whole
sentences kept up to ``[summary] max_chars``, or nearest the log's own length
(``voice.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paperweek.config import SUMMARY_LEADS
from paperweek.summarize import text as T
from paperweek.summarize.latex import latex_to_text
from paperweek.summarize.voice import Voice, fit_length, speak_as

LEADS = SUMMARY_LEADS


@dataclass
class OfflineDrafter:
    """Draft a summary from the abstract: third person, plain text, one line."""

    max_chars: int = 700
    lead: str = "contribution"
    voice: Voice = field(default_factory=Voice)  # the log's length and opening, when learned

    def draft(self, title: str, abstract: str) -> str:
        plain = latex_to_text(abstract)
        sentences = T.split_sentences(plain)
        if not sentences:
            return ""
        sentences = [s for s in sentences if not T.has_url(s)] or sentences
        if self.lead == "contribution":
            start = T.lead_index(sentences)
            first = T.drop_anaphoric_lead(sentences[start])
            if start and T.points_back(first):
                start -= 1  # "We study this effect": keep the sentence that says which effect
            else:
                sentences[start] = first
            sentences = sentences[start:]
            sentences[0] = T.drop_connective(sentences[0])
        voiced = speak_as(T.third_person(sentences), self.voice.opening)
        if self.voice.length:
            return fit_length(voiced, min(self.voice.length, self.max_chars), self.max_chars)
        return T.fit(voiced, self.max_chars)
