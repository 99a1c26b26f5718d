"""Every script, event-handler and `javascript:` case of the shared hostile-input corpus comes out
inert: in the stored HTML, in the thread JSON and on the thread page."""

from __future__ import annotations

import json

import pytest

from service.web.rendering import render_markdown
from tests.conftest import SHARED, need
from tests.functional.comment_helpers import executable_parts, filter_verdict, post, thread_url

CORPUS = SHARED / "bad-inputs.jsonl"
CATEGORIES = {"xss", "markdown", "template-injection", "entity"}


def _expand(value):
    if isinstance(value, dict) and {"repeat", "times"} <= set(value):
        return value.get("prefix", "") + value["repeat"] * value["times"] + value.get("suffix", "")
    return value


def hostile_comment_cases(fields: tuple[str, ...] = ("body", "author", "title")) -> list:
    if not CORPUS.exists():
        return [pytest.param(None, id="corpus-missing")]
    cases = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if (
            case["endpoint"] in ("comment", "any")
            and case["category"] in CATEGORIES
            and case.get("field") in fields
        ):
            cases.append(pytest.param(case, id=case["id"]))
    return cases


def _case(case):
    need(case is not None, f"the shared corpus is not at {CORPUS}")
    return case["field"], _expand(case["value"])


@pytest.mark.parametrize("case", hostile_comment_cases())
def test_a_hostile_comment_comes_out_inert_everywhere(app, client, case):
    field, value = _case(case)
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")  # publish it, so the public HTML is what gets checked
    key = f"sweep-{case['id']}"
    response = post(client, key, **{field: value})
    if response.status_code == 400:
        return  # refused outright is inert too
    assert response.status_code == 202
    assert executable_parts(response.get_json()["html"]) == []
    doc = client.get(thread_url(key)).get_json()
    assert doc["comments"], "published, so its rendering is checked"
    for comment in doc["comments"]:
        assert executable_parts(comment["html"]) == []
    page = client.get(f"/threads/{key}").get_data(as_text=True)
    baseline = client.get("/threads/a-clean-thread").get_data(as_text=True)
    assert sorted(executable_parts(page)) == sorted(executable_parts(baseline))


@pytest.mark.parametrize("case", hostile_comment_cases(fields=("body",)))
def test_rendering_alone_leaves_nothing_executable(case):
    _field, value = _case(case)
    assert isinstance(value, str)
    assert executable_parts(render_markdown(value)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[b](java&#x09;script:alert(1))", '<p><a rel="nofollow ugc noopener">b</a></p>'),
        ("[rel](/relative)", '<p><a rel="nofollow ugc noopener">rel</a></p>'),
        (
            "[ok](https://example.org/a)",
            '<p><a href="https://example.org/a" rel="nofollow ugc noopener">ok</a></p>',
        ),
        ("![x](https://tracker.example/p.png)", "<p>!"),
    ],
)
def test_links_keep_only_http_https_and_mailto_targets_and_images_are_not_embedded(
    source, expected
):
    assert render_markdown(source).startswith(expected)
