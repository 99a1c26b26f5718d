"""The rough edges a browser trial found on the reader's side, each pinned down by a test."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from config import DevelopmentConfig, load_config
from service.comments.threadkeys import DEMO_THREAD_KEY
from service.data.extensions import db
from service.data.models import CommentStatus
from tests.conftest import REPO, need
from tests.factories import CommentFactory, ThreadFactory
from tests.functional.comment_helpers import comment_form_data
from tests.functional.test_comments_pages import form_fields

KEY = "articles/knee-pain"


def test_the_embed_tells_readers_not_to_share_health_details(client):
    strings = client.get("/embed/strings?lang=en").json["strings"]
    hint = next(text for text in strings if "personal health details" in text)
    assert "Please do not share personal health details here." in hint
    embed = (REPO / "service/static/embed.js").read_text()
    assert f't("{hint}")' in embed


def test_the_embed_hint_is_translated(client):
    strings = client.get("/embed/strings?lang=es").json["strings"]
    hint = next(key for key in strings if "personal health details" in key)
    assert strings[hint] != hint


def test_a_failed_post_names_each_field_in_a_summary_that_takes_focus(client):
    url = f"/threads/{KEY}"
    data = comment_form_data(form_fields(client, url)) | {"author": "", "body": ""}
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "autofocus" in summary.split(">", 1)[0]
    assert "Your name: This field is required." in summary
    assert "Your comment: This field is required." in summary


def test_past_the_rate_limit_the_form_comes_back_with_the_text_and_when_to_retry(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per hour")
    client = limited.test_client()
    url = f"/threads/{KEY}"
    with limited.app_context():
        first = client.post(url, data=comment_form_data(form_fields(client, url)))
        assert first.status_code == 303
        data = comment_form_data(form_fields(client, url)) | {
            "body": "My knee clicks when I climb stairs; is that normal?"
        }
        refused = client.post(url, data=data)
    assert refused.status_code == 429
    assert 3500 < int(refused.headers["Retry-After"]) <= 3600
    page = refused.get_data(as_text=True)
    assert "My knee clicks when I climb stairs; is that normal?</textarea>" in page
    assert "please wait 60 minutes, then send it again" in page
    assert "<form" in page and 'name="csrf_token"' in page


def test_the_thread_page_shows_the_articles_title_and_no_internal_key(client):
    thread = ThreadFactory(key=KEY, title="Knee pain after running")
    CommentFactory(thread=thread, status=CommentStatus.APPROVED)
    db.session.commit()
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    assert "<h1" in page and "Knee pain after running</h1>" in page
    assert f"<code>{KEY}</code>" not in page
    assert ">thread<" not in page


def test_the_thread_page_links_back_to_the_article(app, client):
    app.config["ALLOWED_ORIGINS"] = ["https://clinic.example"]
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    assert f'<a href="https://clinic.example/{KEY}">Back to the article</a>' in page
    demo = client.get(f"/threads/{DEMO_THREAD_KEY}").get_data(as_text=True)
    assert '<a href="/demo/article">Back to the article</a>' in demo


def test_a_skip_link_leads_to_the_comment_form(client):
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    links = re.findall(r'<a class="skip-link" href="([^"]+)">([^<]+)</a>', page)
    assert links[:2] == [
        ("#main", "Skip to main content"),
        ("#comment-form", "Skip to the comment form"),
    ]
    assert 'id="comment-form"' in page


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    data = response.get_data()
    response.close()
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


@pytest.mark.parametrize("path", ["/", "/contact", f"/threads/{KEY}", "/demo/article"])
def test_every_public_page_has_a_meta_description(client, path):
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'<meta name="description" content="([^"]+)">', page)
    assert found, path
    assert len(found.group(1)) > 20


def test_public_times_carry_their_time_zone(app, client):
    thread = ThreadFactory(key=KEY)
    CommentFactory(thread=thread, status=CommentStatus.APPROVED)
    db.session.commit()
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    shown = re.search(r"<time datetime=\"[^\"]+\">([^<]+)</time>", page).group(1)
    assert shown.endswith(" UTC"), shown
    app.config["TIMEZONE"] = "America/New_York"
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    shown = re.search(r"<time datetime=\"[^\"]+\">([^<]+)</time>", page).group(1)
    assert re.search(r" (EST|EDT)$", shown), shown


def test_a_foreign_origin_is_told_which_setting_lets_it_in(client):
    response = client.get(
        f"/api/threads/{KEY}/comments", headers={"Origin": "http://127.0.0.1:5001"}
    )
    assert response.status_code == 403
    message = response.json["message"]
    assert "http://127.0.0.1:5001" in message
    assert "ALLOWED_ORIGINS" in message and "PUBLIC_URL" in message
    words = client.get("/embed/strings?lang=en").json["errors"]["forbidden"]
    assert "ALLOWED_ORIGINS" in words and "PUBLIC_URL" in words


def test_demo_load_prints_the_demo_urls(app, runner):
    result = runner.invoke(args=["demo", "load"])
    base = app.config["PUBLIC_URL"].rstrip("/")
    assert f"Demo article:   {base}/demo/article" in result.output
    assert f"Contact form:   {base}/contact" in result.output
    assert f"Staff sign-in:  {base}/moderation/login" in result.output


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SECRET_KEY", "DATA_KEY", "PUBLIC_URL", "DATABASE_URL", "APP_ENV", "PORT"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_in_development_public_url_follows_the_port(clean_env, tmp_path):
    assert load_config(DevelopmentConfig, str(tmp_path)).PUBLIC_URL == "http://127.0.0.1:5000"
    clean_env.setenv("PORT", "5123")
    assert load_config(DevelopmentConfig, str(tmp_path)).PUBLIC_URL == "http://127.0.0.1:5123"


def test_in_development_a_public_url_on_another_port_is_named_with_the_fix(
    clean_env, tmp_path, caplog
):
    clean_env.setenv("PORT", "5123")
    clean_env.setenv("PUBLIC_URL", "http://127.0.0.1:5000")
    settings = load_config(DevelopmentConfig, str(tmp_path))
    assert settings.PUBLIC_URL == "http://127.0.0.1:5000"  # what was set is kept
    assert "Set PUBLIC_URL to the address you open in the browser" in caplog.text
    assert "http://127.0.0.1:5123" in caplog.text


@pytest.mark.parametrize(("port", "expected"), [(None, "5000"), ("5123", "5123")])
def test_make_run_serves_on_port_and_prints_the_urls(port, expected):
    need(shutil.which("make") is not None, "make is not installed")
    command = ["make", "-n", "run"] + ([f"PORT={port}"] if port else [])
    plan = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"}
    ).stdout
    assert f"PORT={expected} .venv/bin/flask --app wsgi demo load" in plan
    assert f"run --host 127.0.0.1 --port {expected}" in plan
