"""The LLM drafter against a real HTTP server on 127.0.0.1 speaking chat.completions JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes import SUMMARY, FakeLLM, Reply, completion

from paperweek.config import config_from_dict
from paperweek.errors import ConfigError, NetworkError
from paperweek.markdown import escape, split_row
from paperweek.summarize import draft_summary, make_drafter
from paperweek.summarize.llm import DEFAULT_PROMPT, LLMDrafter

TITLE = "Leave No Context Behind: Efficient Infinite Context Transformers with Infini-attention"
ABSTRACT = (
    "This work introduces an efficient method to scale Transformer-based LLMs to infinitely long inputs "
    "with bounded memory and computation. A key component is Infini-attention."
)


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("PAPERWEEK_LLM_MODEL", "test-model")
    monkeypatch.setenv("PAPERWEEK_LLM_API_KEY", "sk-test-123")
    return monkeypatch


def drafter(fake: FakeLLM, root: Path | None, monkeypatch: pytest.MonkeyPatch, **summary: Any) -> LLMDrafter:
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url)
    settings = {"engine": "llm", "timeout": 0.5, "retry_budget": 5, "max_attempts": 4, "backoff": 0.01}
    settings.update(summary)
    made = make_drafter(config_from_dict({"summary": settings}), root=root)
    assert isinstance(made, LLMDrafter)
    return made


# --- the request ----------------------------------------------------------------------------


def test_request_body_headers_and_answer(fake_llm: Any, llm_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = fake_llm(Reply())
    answer = drafter(fake, tmp_path, llm_env).draft(TITLE, ABSTRACT)
    assert answer == SUMMARY
    assert len(fake.requests) == 1
    seen = fake.requests[0]
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == "Bearer sk-test-123"
    assert seen.headers["content-type"] == "application/json"
    assert seen.body["model"] == "test-model"
    roles = [m["role"] for m in seen.body["messages"]]
    assert roles == ["system", "user"]
    user = seen.body["messages"][1]["content"]
    assert TITLE in user and ABSTRACT in user
    assert "third person" in user  # the default prompt asks for the list's voice
    assert "temperature" not in seen.body  # only sent when configured


def test_key_falls_back_to_openai_api_key_or_is_left_out(
    fake_llm: Any, llm_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = fake_llm(Reply())
    llm_env.delenv("PAPERWEEK_LLM_API_KEY")
    llm_env.setenv("OPENAI_API_KEY", "sk-openai")
    drafter(fake, None, llm_env, cache=False).draft(TITLE, ABSTRACT)
    llm_env.delenv("OPENAI_API_KEY")
    drafter(fake, None, llm_env, cache=False).draft(TITLE, ABSTRACT)
    assert fake.requests[0].headers["authorization"] == "Bearer sk-openai"
    assert "authorization" not in fake.requests[1].headers


def test_model_and_sampling_settings_from_config(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply())
    llm_env.delenv("PAPERWEEK_LLM_MODEL")
    drafter(fake, None, llm_env, model="from-toml", temperature=0.2, max_tokens=300).draft(TITLE, ABSTRACT)
    body = fake.requests[0].body
    assert (body["model"], body["temperature"], body["max_tokens"]) == ("from-toml", 0.2, 300)


def test_draft_summary_with_engine_llm(fake_llm: Any, llm_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = fake_llm(Reply())
    llm_env.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url + "/")  # a trailing slash is fine
    config = config_from_dict({"summary": {"engine": "llm"}})
    assert draft_summary(TITLE, ABSTRACT, config, root=tmp_path) == SUMMARY
    assert fake.requests[0].path == "/v1/chat/completions"


# --- the prompt template --------------------------------------------------------------------


def test_inline_prompt_template(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply())
    prompt = "Paper: {{ title }}\nIn {{ max_chars }} chars: {{ abstract }}\nKeep {braces} and $dollars."
    drafter(fake, None, llm_env, prompt=prompt, max_chars=300).draft(TITLE, r"It is 3$\times$ faster.")
    user = fake.requests[0].body["messages"][-1]["content"]
    assert user == f"Paper: {TITLE}\nIn 300 chars: It is 3× faster.\nKeep {{braces}} and $dollars."


def test_prompt_file_relative_to_the_log_root(fake_llm: Any, llm_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = fake_llm(Reply())
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "summary.j2").write_text("T={{ title }} A={{ abstract }}", encoding="utf-8")
    drafter(fake, tmp_path, llm_env, prompt_file="prompts/summary.j2", system="").draft("X", "Y.")
    assert fake.requests[0].body["messages"] == [{"role": "user", "content": "T=X A=Y."}]


@pytest.mark.parametrize(
    ("summary", "message"),
    [
        ({"prompt": "{{ titel }}"}, "'titel' is undefined; the template may use {{ title }}"),
        ({"prompt": "{% if %}"}, "[summary] prompt, line 1"),
        ({"prompt_file": "missing.j2"}, "cannot read the prompt template"),
        ({"prompt": "x", "prompt_file": "y"}, "both prompt and prompt_file"),
    ],
)
def test_bad_prompts_are_config_errors(
    fake_llm: Any, llm_env: pytest.MonkeyPatch, tmp_path: Path, summary: dict[str, Any], message: str
) -> None:
    fake = fake_llm(Reply())
    with pytest.raises(ConfigError) as info:
        drafter(fake, tmp_path, llm_env, **summary).draft(TITLE, ABSTRACT)
    assert message in str(info.value)
    assert fake.requests == []


def test_missing_endpoint_or_model_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    config = config_from_dict({"summary": {"engine": "llm"}})
    with pytest.raises(ConfigError, match="needs an endpoint: set PAPERWEEK_LLM_BASE_URL"):
        make_drafter(config)
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    with pytest.raises(ConfigError, match="needs a model: set PAPERWEEK_LLM_MODEL"):
        make_drafter(config)
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", "127.0.0.1:9/v1")
    with pytest.raises(ConfigError, match="must start with http"):
        make_drafter(config)


def test_default_prompt_names_its_variables() -> None:
    assert "{{ title }}" in DEFAULT_PROMPT and "{{ abstract }}" in DEFAULT_PROMPT


# --- faults and retries ---------------------------------------------------------------------


def test_429_honours_retry_after(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(429, {"error": {"message": "Rate limit reached"}}, {"Retry-After": "0.3"}), Reply())
    made = drafter(fake, None, llm_env)
    slept: list[float] = []
    made.sleep = slept.append
    assert made.draft(TITLE, ABSTRACT) == SUMMARY
    assert len(fake.requests) == 2
    assert slept == [0.3]  # the server's Retry-After, not the 0.01 s backoff


def test_503_then_200(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(503, b"upstream overloaded"), Reply(502, b""), Reply())
    assert drafter(fake, None, llm_env).draft(TITLE, ABSTRACT) == SUMMARY
    assert len(fake.requests) == 3


def test_a_hang_past_the_timeout_is_retried(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(delay=30), Reply())
    assert drafter(fake, None, llm_env, timeout=0.3).draft(TITLE, ABSTRACT) == SUMMARY
    assert len(fake.requests) == 2
    assert fake.wait_for_give_ups(1) == fake.requests[:1]  # it hung up on the slow answer, did not wait


def test_persistent_5xx_gives_a_clear_network_error(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(503, b"down"))
    with pytest.raises(NetworkError) as info:
        drafter(fake, None, llm_env, max_attempts=3).draft(TITLE, ABSTRACT)
    message = str(info.value)
    assert message.startswith(f"{fake.base_url}/chat/completions: HTTP 503")
    assert "gave up after 3 request(s)" in message and "PAPERWEEK_LLM_BASE_URL" in message
    assert len(fake.requests) == 3


def test_retry_after_beyond_the_budget_fails_at_once(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(429, b"{}", {"Retry-After": "120"}))
    made = drafter(fake, None, llm_env, retry_budget=2)
    slept: list[float] = []
    made.sleep = slept.append
    with pytest.raises(NetworkError, match=r"HTTP 429 \(Retry-After: 120 s\)"):
        made.draft(TITLE, ABSTRACT)
    assert slept == [] and len(fake.requests) == 1  # neither waited 120 s nor asked again


def test_total_budget_bounds_hangs(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(delay=30))
    with pytest.raises(NetworkError, match="did not answer within"):
        drafter(fake, None, llm_env, timeout=0.3, retry_budget=0.8, max_attempts=10).draft(TITLE, ABSTRACT)
    assert 2 <= len(fake.requests) <= 4  # the budget, not the 10 attempts, ended it
    assert fake.wait_for_give_ups(len(fake.requests)) == fake.requests  # and it waited out no answer


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(200, b"<html>Gateway</html>"), "the answer is not JSON"),
        (Reply(200, {"id": "x", "object": "chat.completion", "choices": []}), "the answer has no choices"),
        (Reply(200, {"object": "list", "data": []}), "the answer has no choices"),
        (Reply(200, {"choices": [{"index": 0, "message": {"role": "assistant"}}]}), "has no message content"),
        (Reply(401, {"error": {"message": "Incorrect API key provided"}}), "HTTP 401 (Incorrect API key"),
        (Reply(404, b"not found"), "HTTP 404; check PAPERWEEK_LLM_BASE_URL (it usually ends in /v1)"),
        (Reply(200, completion("   ")), "answered with an empty summary"),
    ],
)
def test_bad_answers_are_not_retried(
    fake_llm: Any, llm_env: pytest.MonkeyPatch, reply: Reply, message: str
) -> None:
    fake = fake_llm(reply)
    with pytest.raises(NetworkError) as info:
        drafter(fake, None, llm_env).draft(TITLE, ABSTRACT)
    assert message in str(info.value)
    assert str(info.value).startswith(fake.base_url)
    assert len(fake.requests) == 1


def test_connection_refused(llm_env: pytest.MonkeyPatch) -> None:
    llm_env.setenv("PAPERWEEK_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    config = config_from_dict({"summary": {"engine": "llm", "max_attempts": 2, "backoff": 0.01}})
    with pytest.raises(NetworkError, match=r"http://127.0.0.1:9/v1/chat/completions: could not reach .*2 request"):
        draft_summary(TITLE, ABSTRACT, config)


# --- the answer is untrusted ----------------------------------------------------------------

HOSTILE = """<think>The user wants a summary; we should be brief.</think>
## Summary

**Summary:** The paper introduces <b>Infini-attention</b> | a drop-in layer
that keeps `memory` bounded. <script>alert("x")</script>

```
| Paper | Date |
```
"""


def test_markup_in_the_answer_comes_back_as_one_line_of_plain_text(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    fake = fake_llm(Reply(body=completion(HOSTILE)))
    answer = drafter(fake, None, llm_env).draft(TITLE, ABSTRACT)
    assert answer == (
        "The paper introduces Infini-attention | a drop-in layer that keeps memory bounded. | Paper | Date |."
    )
    # the caller's escaping makes it one safe table cell
    cell = escape(answer)
    row = f"| (1) **Title** - {cell} | April 10, 2024 | [Paper](https://arxiv.org/abs/2404.07143)|"
    assert len(split_row(row)) == 3
    assert "\n" not in cell and "<" not in cell.replace("\\<", "")


def test_long_answers_are_cut_at_a_sentence(fake_llm: Any, llm_env: pytest.MonkeyPatch) -> None:
    long = " ".join(f"Sentence number {n} says something useful." for n in range(40))
    fake = fake_llm(Reply(body=completion(long)))
    answer = drafter(fake, None, llm_env, max_chars=120).draft(TITLE, ABSTRACT)
    assert len(answer) <= 120 and answer.endswith("useful.")


# --- the cache ------------------------------------------------------------------------------


def test_answers_are_cached_in_the_log(fake_llm: Any, llm_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = fake_llm(Reply())
    assert drafter(fake, tmp_path, llm_env).draft(TITLE, ABSTRACT) == SUMMARY
    assert drafter(fake, tmp_path, llm_env).draft(TITLE, ABSTRACT) == SUMMARY
    assert len(fake.requests) == 1
    assert (tmp_path / ".paperweek" / "cache.sqlite").is_file()
    drafter(fake, tmp_path, llm_env).draft(TITLE, ABSTRACT + " More.")  # another abstract: asked
    drafter(fake, tmp_path, llm_env, cache=False).draft(TITLE, ABSTRACT)  # cache off: asked
    assert len(fake.requests) == 3
