"""Issue 22: every item that is a paper becomes a paper, whatever form the list writes it in, with the
title a reader sees (learned from the list's own repeated structure); and issue 21, point 10: a paper
shown under several topics is one paper, tagged with each, shown under each as before.

Each test writes a small list in one form, imports it through the CLI, and checks the papers and
that the first build writes the list back exactly as written.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli


def imported(tmp_path: Path, text: str) -> tuple[list[dict[str, object]], Path]:
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    log = tmp_path / "log"
    done = run_cli("--dir", log, "import", source)
    assert done.exit_code == 0, done.stderr
    assert run_cli("--dir", log, "build").exit_code == 0
    assert (log / "README.md").read_text(encoding="utf-8") == text
    return json.loads(run_cli("--dir", log, "list", "--json").stdout), log


def test_a_title_link_on_its_own_line_with_bullets_below(tmp_path: Path) -> None:
    text = (
        "# Agents\n\n#### 23rd June 2026\n\n"
        "[Qwen-AgentWorld: Language World Models for General Agents](http://arxiv.org/abs/2606.24597)\n\n"
        "- Qwen-AgentWorld: a native language world model.\n- Trained in three stages.\n\n---\n\n"
        "[MEMPROBE: Probing Long-Term Agent Memory](http://arxiv.org/abs/2606.24595)\n\n- MEMPROBE: a benchmark.\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [(p["arxiv_id"], p["title"]) for p in papers] == [
        ("2606.24597", "Qwen-AgentWorld: Language World Models for General Agents"),
        ("2606.24595", "MEMPROBE: Probing Long-Term Agent Memory"),
    ]
    assert papers[0]["summary"] == "Qwen-AgentWorld: a native language world model. Trained in three stages."


def test_html_cards_under_a_date_line(tmp_path: Path) -> None:
    text = (
        '<div class="weekly">\n  <span class="weekly-paper-date">March 4-10, 2025</span>\n'
        "  <h3>A Few Tokens Are All You Need</h3>\n  <div>\n"
        '    <a href="https://arxiv.org/abs/2503.02875" class="paper-link">Paper Link</a>\n  </div>\n'
        "  <h3>Fractal Generative Models</h3>\n"
        '  <a href="https://arxiv.org/abs/2502.17437" class="paper-link">Paper Link</a>\n'
        "  <h3>Computational Efficiency</h3>\n  <p>A trend, not a paper.</p>\n</div>\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [(p["title"], p["week"], p["week_end"]) for p in papers] == [
        ("A Few Tokens Are All You Need", "2025-03-04", "2025-03-10"),
        ("Fractal Generative Models", "2025-03-04", "2025-03-10"),
    ]


def test_a_paper_title_as_its_own_heading(tmp_path: Path) -> None:
    text = (
        "# journal-club\n\n## 13.11.2017\n## Dilated Recurrent Neural Networks\n\n"
        "**Author:** Shiyu Chang\n**Link:** https://arxiv.org/pdf/1710.02224.pdf\n\n"
        "## 09.11.2017\n### Learning to Respond with Deep Neural Networks\n**Link:** http://www.ruiyan.me/pubs/SIGIR2016.pdf\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [(p["title"], p["week"]) for p in papers] == [
        ("Dilated Recurrent Neural Networks", "2017-11-13"),
        ("Learning to Respond with Deep Neural Networks", "2017-11-09"),
    ]
    assert papers[0]["arxiv_id"] == "1710.02224"


def test_a_line_that_carries_a_titled_paper_link(tmp_path: Path) -> None:
    text = (
        "# my-weekly-paper-reading\n\n<b>2022-05-29</b><br>\n\n"
        '<i>Title</i>: <a href="https://arxiv.org/pdf/2110.10472.pdf">Multilingual Unsupervised Neural Machine '
        "Translation</a> (EMNLP 2021)<br>\n<i>Author</i>: Ahmet Üstün<br>\n\n<b>2022-05-22</b><br>\n\n"
        '<i>Title</i>: <a href="https://arxiv.org/pdf/2107.01294.pdf">Is GPT-3 Text Indistinguishable</a><br>\n'
    )
    papers, _ = imported(tmp_path, text)
    assert [(p["title"], p["week"]) for p in papers] == [
        ("Multilingual Unsupervised Neural Machine Translation", "2022-05-29"),
        ("Is GPT-3 Text Indistinguishable", "2022-05-22"),
    ]


def test_the_title_column_is_the_one_that_varies_like_titles(tmp_path: Path) -> None:
    # "Topic" names a tags column by its header word, and "Presenters" is the first unnamed one; the
    # rows show the titles are under Topic
    text = (
        "# Reading group\n\n| Date | Topic | Presenters | Notes |\n|:--:|:--:|:--:|:--:|\n"
        '|20th August, 2021| <a href="https://arxiv.org/pdf/1506.02640v5.pdf"> YOLO: You Only Look Once </a>| '
        "Apoorva, Shreya |[Summary](yolo.md)|\n"
        '|15th August, 2021| <a href="http://papers.nips.cc/paper/5166.pdf"> Training and Analysing Deep Recurrent '
        "Neural Networks </a>| Shreshtha, Manas |[Summary](rnn.md)|\n"
        '|8th August, 2021| <a href="https://arxiv.org/abs/1311.2901"> Visualizing and Understanding Convolutional '
        "Networks </a>| Apoorva, Shreya |[Summary](viz.md)|\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [p["title"] for p in papers] == [
        "YOLO: You Only Look Once", "Training and Analysing Deep Recurrent Neural Networks",
        "Visualizing and Understanding Convolutional Networks",
    ]


def test_links_that_repeat_like_labels_leave_the_title_before_them(tmp_path: Path) -> None:
    text = (
        "# 2021 August\n## Full List of papers\n"
        "* GIRAFFE : Representing Scenes as Compositional Neural Feature Fields ([진오](./summary/jinoh_1.md))\n"
        "* GANSpace: Discovering Interpretable GAN Controls ([진오](./summary/jinoh_4.md))\n"
        "* Rethinking Graph Transformers with spectral attention ([JiYe](./summary/jiye_1.md))\n"
        "* Momentum Contrast for Unsupervised Visual Representation Learning ([진오](./summary/jinoh_7.md))\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [p["title"] for p in papers][:2] == [  # " : " is part of a title, not a separator
        "GIRAFFE : Representing Scenes as Compositional Neural Feature Fields", "GANSpace: Discovering Interpretable GAN Controls",
    ]


def test_titles_without_numbering_counters_tags_or_affiliations(tmp_path: Path) -> None:
    text = (
        "# Daily\n\n## 2026-06-02\n\n"
        "<details>\n<summary><b>1. EnvHarness: Awakening Static Worlds for Agent Learning</b> ⭐ 66</summary>\n\n"
        "[arXiv](https://arxiv.org/abs/2606.01234)\n</details>\n\n"
        "|Date|Title|Paper|Code|\n|:---:|:---:|:---:|:---:|\n"
        "| 2026.03 | 🔥🔥[**OneComp**] OneComp: One-Line Revolution for Model Compression(@Fujitsu) | "
        "[[pdf]](https://arxiv.org/pdf/2603.28845) | [[code]](https://github.com/x/y) |\n"
        "| 2025.12 | 🔥[**QEP**] QEP: Quantization Error Propagation(@Fujitsu) | [[pdf]](https://arxiv.org/pdf/2512.00001) | |\n"
        "| 2025.11 | Hassan et al., **Achieving Human Parity on Translation**. ACL 2018 | "
        "[[pdf]](https://arxiv.org/pdf/1803.05567) | |\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [p["title"] for p in papers] == [
        "EnvHarness: Awakening Static Worlds for Agent Learning",
        "OneComp: One-Line Revolution for Model Compression",
        "QEP: Quantization Error Propagation",
        "Achieving Human Parity on Translation",
    ]


def test_one_paper_under_several_topics_is_one_paper_shown_under_each(tmp_path: Path) -> None:
    text = (
        "# Reading list\n\n## 2024-02-05\n\n### Agents\n\n"
        "- [Toolformer: Language Models Can Teach Themselves](https://arxiv.org/abs/2302.04761)\n"
        "- [ReAct: Synergizing Reasoning and Acting](https://arxiv.org/abs/2210.03629)\n\n### Tools\n\n"
        "- [Toolformer: Language Models Can Teach Themselves](https://arxiv.org/abs/2302.04761)\n"
    )
    papers, log = imported(tmp_path, text)
    assert [(p["arxiv_id"], p["tags"]) for p in papers] == [("2302.04761", ["agents", "tools"]),
                                                            ("2210.03629", ["agents"])]
    checked = run_cli("--dir", log, "check")
    assert checked.exit_code == 0 and "already logged" not in checked.stdout + checked.stderr
    # edited once, it is written anew under each topic
    assert run_cli("--dir", log, "edit", "2302.04761", "--title", "Toolformer").exit_code == 0
    assert run_cli("--dir", log, "build").exit_code == 0
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert readme.count("[Toolformer](https://arxiv.org/abs/2302.04761)") == 2


def test_several_papers_in_one_cell_are_several_papers_in_one_row(tmp_path: Path) -> None:
    text = (
        "# Seminar\n\n| idx | Date | Presenter | Paper / Code |\n| :--: | :--: | :--: | :--: |\n"
        "| 1 | 2023.03.29 | Sangwoo Jo | [Auto-Encoding Variational Bayes](https://arxiv.org/abs/1312.6114) (ICLR 2014) "
        "<br> [Generative Adversarial Networks](https://arxiv.org/abs/1406.2661) (NIPS 2014) |\n"
        "| 2 | 2023.04.05 | Kwangsu Mun <br> Jisu Kim | [Denoising Diffusion Probabilistic Models]"
        "(https://arxiv.org/abs/2006.11239) (NeurIPS 2020) |\n"
    )
    papers, log = imported(tmp_path, text)
    assert sorted((p["arxiv_id"], p["title"], p["week"]) for p in papers) == [  # each row in its own date's week
        ("1312.6114", "Auto-Encoding Variational Bayes", "2023-03-27"),
        ("1406.2661", "Generative Adversarial Networks", "2023-03-27"),
        ("2006.11239", "Denoising Diffusion Probabilistic Models", "2023-04-03"),
    ]
    # removing one of the two papers of a row leaves the other, written from its fields
    assert run_cli("--dir", log, "remove", "1312.6114").exit_code == 0
    assert run_cli("--dir", log, "build").exit_code == 0
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert "Auto-Encoding" not in readme and "[Generative Adversarial Networks](https://arxiv.org/abs/1406.2661)" in readme


def test_references_without_links_are_papers(tmp_path: Path) -> None:
    text = (
        "# Reading\n\n## 2019-05-06\n\n- Deep Residual Learning for Image Recognition, CVPR 2016\n"
        "- Attention Is All You Need, NeurIPS 2017\n- Bring snacks to the meeting\n"
    )
    papers, _ = imported(tmp_path, text)
    assert [p["title"] for p in papers] == ["Deep Residual Learning for Image Recognition", "Attention Is All You Need"]
