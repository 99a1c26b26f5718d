"""The API reference at /api/docs renders in Chromium from our own origin, under our CSP."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO, need

pytestmark = pytest.mark.e2e
VIEWER = REPO / "service/static/vendor/swagger-ui/swagger-ui-bundle.js"


def test_the_reference_lists_every_operation_loaded_from_our_origin_alone(live_server, page):
    need(VIEWER.exists(), "Swagger UI is not vendored: run `make install` (needs npm)")
    origins: set[str] = set()
    refused: list[str] = []
    page.on("request", lambda request: origins.add(_origin(request.url)))
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    document = page.request.get(live_server.url + "/api/openapi.json").json()
    operations = sum(
        1
        for item in document["paths"].values()
        for method in item
        if method in {"get", "post", "patch", "delete"}
    )
    assert len(paths) == operations
    assert any("/api/inquiries" in path.replace("\u200b", "") for path in paths)
    assert origins == {_origin(live_server.url)}
    assert refused == []


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
