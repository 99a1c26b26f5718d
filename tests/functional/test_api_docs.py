"""`/api/docs`: the reference page, its assets from our own origin, the site's headers."""

from __future__ import annotations

import re

from tests.conftest import REPO, need

VIEWER = REPO / "service/static/vendor/swagger-ui"


def test_the_reference_page_answers_with_the_sites_security_headers(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_asset_of_the_page_is_ours_and_loads(client):
    need((VIEWER / "swagger-ui-bundle.js").exists(), "run `make install` to vendor Swagger UI")
    page = client.get("/api/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, page
    assert "<script>" not in page and "style=" not in page  # nothing inline for the CSP
    for asset in assets:
        assert asset.startswith("/"), asset  # same origin, no CDN
        assert not asset.startswith("//"), asset
        loaded = client.get(asset)
        assert loaded.status_code == 200, asset
        loaded.close()


def test_the_page_points_the_viewer_at_our_document(client):
    page = client.get("/api/docs").get_data(as_text=True)
    assert 'data-document="/api/openapi.json"' in page
