"""The offline summary drafter: LaTeX to text, sentences, the list's voice, length."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from conftest import SAMPLE

from paperweek.config import Config, config_from_dict
from paperweek.errors import ConfigError
from paperweek.markdown import escape
from paperweek.summarize import draft_summary, make_drafter
from paperweek.summarize.latex import latex_to_text
from paperweek.summarize.offline import OfflineDrafter
from paperweek.summarize.text import fit, split_sentences, third_person

SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
FIRST_PERSON = re.compile(r"\b(?:we|our|ours|ourselves|We|Our)\b")


def config(**summary: object) -> Config:
    return config_from_dict({"summary": summary} if summary else {})


# --- LaTeX markup -> plain text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"a 3$\times$ speedup", "a 3× speedup"),
        (r"an \emph{adaptive} and \textbf{sparse} model", "an adaptive and sparse model"),
        (r"runs in $O(n^2)$ time", "runs in O(n^2) time"),
        (r"as shown before~\cite{smith2020, doe2021}.", "as shown before."),
        (r"prior work (\citep{a,b}) fails", "prior work fails"),
        (r"pages 1--2 and a pause --- here", "pages 1–2 and a pause — here"),
        (r"improves accuracy by 50% on H&E slides, #P-hard", "improves accuracy by 50% on H&E slides, #P-hard"),
        (r"gains of 12\% with \textit{no} tuning", "gains of 12% with no tuning"),
        (r"50% of $x$ on H&E -- raw specials beside markup", "50% of x on H&E – raw specials beside markup"),
        (r"it costs \$5 per run", "it costs $5 per run"),
        (r"a session can cost around $127 in cloud fees", "a session can cost around $127 in cloud fees"),
        (r"$\mathcal{O}(n \log n)$ with $\alpha \in \mathbb{R}^d$", "O(n log n) with α∈R^d"),
        (r"\ours{} beats \method by 3.5 points", "ours beats method by 3.5 points"),
        (r"see \url{https://github.com/a/b_c} and \href{https://x.io/p}{our page}", "see https://github.com/a/b_c and our page"),
        (r"code: https://github.com/org/my_repo.", "code: https://github.com/org/my_repo."),
        (r"``quoted'' words, e.g.\ this one", "“quoted” words, e.g. this one"),
        (r"an \textbf{unclosed brace and $unclosed math", "an unclosed brace and unclosed math"),
        ("spread  over\n  lines\tand\u00a0spaces", "spread over lines and spaces"),
    ],
)
def test_latex_to_text(latex: str, plain: str) -> None:
    assert latex_to_text(latex) == plain


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Models such as e.g. GPT-4 and i.e. Llama fail on this.",
        "Smith et al. (2020) showed it and Doe et al. Nature did too.",
        "As Fig. 2 and Eq. 3 show, the gap is 3.5 points vs. 2.1 for Sec. 4.",
        "U.S. agencies and J. R. R. Tolkien agree.",
        'The "Let it Wag!" benchmark is new.',
    ],
)
def test_abbreviations_and_numbers_do_not_end_sentences(text: str) -> None:
    assert split_sentences(text) == [text]


def test_sentences_are_split_at_real_ends() -> None:
    text = (
        "We study X, Y, etc. The results hold. Code is at https://github.com/a/b. Is it enough? "
        "Yes! It reaches 98.1% (a new best). Finally, type A. The end"
    )
    assert split_sentences(text) == [
        "We study X, Y, etc.",
        "The results hold.",
        "Code is at https://github.com/a/b.",
        "Is it enough?",
        "Yes!",
        "It reaches 98.1% (a new best).",
        "Finally, type A.",
        "The end",
    ]


# --- the list's voice -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "voiced"),
    [
        ("In this paper, we propose ReFT, a family of methods.", "This paper proposes ReFT, a family of methods."),
        ("In this work we address long inputs.", "This work addresses long inputs."),
        ("We introduce HQ-Edit, a dataset.", "The paper introduces HQ-Edit, a dataset."),
        ("Here, we study scaling.", "The paper studies scaling."),
        ("We therefore propose Rho-1.", "The paper proposes Rho-1."),
        ("We empirically analyze attention.", "The paper empirically analyzes attention."),
        (
            "We design, implement, and evaluate a compiler.",
            "The paper designs, implements, and evaluates a compiler.",
        ),
        # a later verb shares the subject: a plural subject keeps every verb right
        ("We propose X and show that it works.", "The authors propose X and show that it works."),
        ("We are the first to do so.", "The authors are the first to do so."),
        ("We developed a tool.", "The authors developed a tool."),
        ("Our code is public.", "The authors' code is public."),
        ("We've seen that our method helps us.", "The authors have seen that their method helps them."),
        ('It studies "us" versus "them" cues.', 'It studies "us" versus "them" cues.'),
    ],
)
def test_third_person(sentence: str, voiced: str) -> None:
    assert third_person([sentence]) == [voiced]


def test_the_paper_is_named_once_then_the_authors() -> None:
    voiced = third_person(
        [
            "We introduce VASA-1, a framework.",
            "We show that our model beats prior work and that we can run it live.",
            "Our results hold.",
        ]
    )
    assert voiced == [
        "The paper introduces VASA-1, a framework.",
        "The authors show that their model beats prior work and that they can run it live.",
        "Their results hold.",
    ]


def test_they_after_the_authors() -> None:
    voiced = third_person(["We propose X.", "We study Y and we release Z.", "We find W.", "Our code helps."])
    assert voiced == [
        "The paper proposes X.",
        "The authors study Y and they release Z.",
        "They find W.",
        "Their code helps.",
    ]


def test_a_summary_does_not_open_with_a_connective() -> None:
    abstract = (
        "Fine-tuning updates weights. However, prior work has shown that representations encode rich "
        "semantics. We pursue this hypothesis by developing ReFT."
    )
    assert OfflineDrafter().draft("ReFT", abstract) == (
        "Prior work has shown that representations encode rich semantics. "
        "The paper pursues this hypothesis by developing ReFT."
    )


# --- length ---------------------------------------------------------------------------------


def test_fit_keeps_whole_sentences() -> None:
    sentences = ["One two three.", "Four five six.", "Seven eight nine."]
    assert fit(sentences, 30) == "One two three. Four five six."
    assert fit(sentences, 29) == "One two three. Four five six."
    assert fit(sentences, 28) == "One two three."
    assert fit(["No final stop"], 100) == "No final stop."


def test_fit_cuts_a_lone_long_sentence_at_a_word() -> None:
    long = "This sentence is " + "very " * 40 + "long."
    cut = fit([long], 60)
    assert len(cut) <= 60
    assert cut.endswith("very…")
    assert long.startswith(cut[:-1])


# --- the drafter ----------------------------------------------------------------------------

INFINI = (
    "This work introduces an efficient method to scale Transformer-based Large Language Models (LLMs) "
    "to infinitely long inputs with bounded memory and computation. A key component in our proposed "
    "approach is a new attention technique dubbed Infini-attention. We demonstrate the effectiveness of "
    "our approach on long-context language modeling benchmarks, 1M sequence length passkey context block "
    "retrieval and 500K length book summarization tasks with 1B and 8B LLMs."
)
BACKGROUND_FIRST = (
    "Large language models (LLMs) are widely used. However, they struggle with long inputs~\\cite{x}. "
    "To address this gap, we propose \\textsc{LongMem}, which achieves a 3$\\times$ speedup. "
    "Our code is available at https://github.com/acme/longmem."
)


def test_draft_keeps_the_voice_and_drops_markup() -> None:
    summary = OfflineDrafter().draft("Infini-attention", INFINI)
    assert summary.startswith("This work introduces an efficient method")
    assert "A key component in the authors' proposed approach" in summary
    assert "The authors demonstrate the effectiveness of their approach" in summary
    assert not FIRST_PERSON.search(summary)


def test_draft_starts_at_the_contribution() -> None:
    summary = OfflineDrafter().draft("LongMem", BACKGROUND_FIRST)
    # background skipped, "To address this gap" dropped with it, URL sentence left to the Links column
    assert summary == "The paper proposes LongMem, which achieves a 3× speedup."
    whole = OfflineDrafter(lead="start").draft("LongMem", BACKGROUND_FIRST)
    assert whole.startswith("Large language models (LLMs) are widely used. However, they struggle with long inputs.")


def test_draft_summary_reads_the_config() -> None:
    assert draft_summary("T", INFINI, Config()) == OfflineDrafter().draft("T", INFINI)
    short = draft_summary("T", INFINI, config(max_chars=200))
    assert len(short) <= 200 and SENTENCE_END.search(short)
    assert draft_summary("T", "   ", Config()) == ""
    # one line, and escaping it for a table cell keeps it one safe cell
    cell = escape(draft_summary("T", "We use a | b and <b>x</b>.\n\nSecond line.", Config()))
    assert "\n" not in cell and "\\|" in cell and "\\<b\\>" in cell


@pytest.mark.parametrize(
    ("summary", "message"),
    [
        ({"engine": "gpt"}, '[summary] engine = \'gpt\': must be one of "offline", "llm"'),
        ({"max_chars": "long"}, "max_chars = 'long': must be a whole number >= 40"),
        ({"max_chars": 10}, "max_chars = 10: must be a whole number >= 40"),
        ({"lead": "middle"}, '[summary] lead = \'middle\': must be one of "contribution", "start"'),
        ({"engin": "llm"}, "unknown key 'engin'"),
    ],
)
def test_bad_summary_settings_are_config_errors(summary: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        make_drafter(config_from_dict({"summary": summary}))


# --- many real abstracts --------------------------------------------------------------------


def _sample_abstracts() -> list[str]:
    """Every 100th record, plus the first 200 whose abstracts hold LaTeX markup."""
    picked: list[str] = []
    latex = 0
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            abstract = json.loads(line)["abstract"]
            has_markup = "$" in abstract or "\\" in abstract
            if n % 100 == 0:
                picked.append(abstract)
            elif has_markup and latex < 200:
                picked.append(abstract)
                latex += 1
    return picked


def _check(abstract: str, summary: str, max_chars: int) -> None:
    assert summary, abstract
    assert not FIRST_PERSON.search(summary), summary
    assert "\\" not in summary, summary
    literal_dollar = re.search(r"\\\$|\$\d", abstract)
    assert "$" not in summary or literal_dollar, summary
    assert len(summary) <= max_chars, summary
    assert SENTENCE_END.search(summary), summary
    assert "\n" not in summary and "  " not in summary, summary
    # a "The paper <verb>" made from "we <verb>" agrees: the verb is in the third person singular
    pattern = r"(?:^|\. )((?:The paper|This (?:paper|work|study)) (?:(?:[a-z]+ly|first|also|then) )*([a-z-]+))"
    for match in re.finditer(pattern, summary):
        if match.group(1) not in abstract:
            assert match.group(2).endswith("s"), summary


def test_many_real_abstracts() -> None:
    abstracts = _sample_abstracts()
    assert len(abstracts) > 500
    drafter = OfflineDrafter()
    short = OfflineDrafter(max_chars=160)
    for abstract in abstracts:
        _check(abstract, drafter.draft("", abstract), 700)
    for abstract in abstracts[::5]:
        _check(abstract, short.draft("", abstract), 160)
