"""Visitors, readers and staff read the pages in their language: Spanish from Accept-Language
or the switch; mail in the clinic's DEFAULT_LANGUAGE; dates in the clinic's time zone."""

from __future__ import annotations

import datetime as dt
import html

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import CommentStatus, OutboxMessage
from tests.factories import CommentFactory, InquiryFactory, ThreadFactory
from tests.functional.test_contact_form import VISITOR, open_form
from tests.pages import hidden_inputs


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def spanish_client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es-ES,es;q=0.9,en;q=0.5"
    return client


def test_a_spanish_visitor_sees_the_contact_page_in_spanish(spanish_client):
    page = text(spanish_client.get("/contact"))
    assert '<html lang="es">' in page
    assert '<h1 id="contact-title">Contacte con nosotros</h1>' in page
    assert "Este formulario no es para urgencias." in page
    assert "normalmente en un plazo de dos días hábiles" in page
    assert '<label for="name">Su nombre</label>' in page
    assert '<option value="billing">Facturación y seguros</option>' in page
    assert "Acepto que la clínica guarde mi mensaje" in page
    assert "Enviar mensaje" in page
    assert "Contact us" not in page


def test_a_spanish_visitor_sees_the_thank_you_page_in_spanish(spanish_client):
    data = {**open_form(spanish_client), **VISITOR}
    response = spanish_client.post("/contact", data=data)
    assert response.status_code == 303, text(response)
    page = text(spanish_client.get(response.headers["Location"]))
    assert "Gracias, su mensaje se ha enviado" in page
    assert "Volver a la página de inicio" in page


def test_a_spanish_visitor_sees_the_validation_errors_in_spanish(spanish_client):
    data = {**open_form(spanish_client), **VISITOR, "name": "", "phone": "12", "email": "x@"}
    data.pop("consent")
    response = spanish_client.post("/contact", data=data)
    assert response.status_code == 200
    page = text(response)
    assert "<title>Error: Contacte con nosotros" in page
    assert "Hay un problema con lo que envió" in page
    assert "Por favor, díganos su nombre." in page
    assert "Un número de teléfono tiene al menos 5 cifras." in page
    assert "Esto no parece un correo electrónico (nombre@example.org)." in page
    assert "Por favor, marque la casilla para aceptar que guardemos su mensaje" in page
    assert "Please" not in page


def test_the_json_api_keeps_english_messages_for_a_spanish_client(spanish_client):
    response = spanish_client.post("/api/inquiries", json={"name": ""})
    assert response.status_code == 400
    body = response.get_json()
    assert body["fields"]["name"] == ["Please tell us your name."]


def test_english_stays_the_default(client):
    page = text(client.get("/contact"))
    assert '<html lang="en">' in page
    assert "Contact us" in page


def test_the_language_switch_persists_in_a_cookie(client):
    page = text(client.get("/contact"))
    assert 'href="/language/es?next=/contact"' in page
    response = client.get("/language/es?next=/contact")
    assert response.status_code == 303
    assert response.headers["Location"] == "/contact"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=es;") and "SameSite=Lax" in cookie
    assert "Contacte con nosotros" in text(client.get("/contact"))
    # The cookie wins over the browser's Accept-Language, both ways.
    client.get("/language/en?next=/")
    page = text(client.get("/contact", headers={"Accept-Language": "es"}))
    assert '<html lang="en">' in page and "Contact us" in page


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_the_language_switch_only_returns_to_a_page_of_this_site(client, target):
    response = client.get("/language/es", query_string={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/xx?next=/").status_code == 404


def test_the_thread_page_speaks_spanish(spanish_client):
    page = text(spanish_client.get("/threads/articles/back-pain"))
    assert '<html lang="es">' in page
    assert "Deje un comentario" in page
    assert "0 comentarios" in page
    assert "Publicar comentario" in page


def signed_in_client(app, moderator, language):
    from tests.conftest import sign_in
    from tests.factories import KNOWN_PASSWORD

    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    assert sign_in(client, moderator.email, KNOWN_PASSWORD).status_code == 303
    return client


def signed_in_spanish_client(app, moderator):
    return signed_in_client(app, moderator, "es")


def test_a_spanish_moderator_signs_in_and_works_in_spanish(app, moderator, spanish_client):
    page = text(spanish_client.get("/moderation/login"))
    assert '<html lang="es">' in page
    assert "Acceso del personal" in page
    assert '<label for="email">Correo electrónico</label>' in page
    assert 'href="/language/en?next=/moderation/login"' in page  # the switch is there too
    assert "Staff sign-in" not in page

    client = signed_in_spanish_client(app, moderator)
    comment = CommentFactory(body="Very helpful, thank you.")
    db.session.commit()
    queue = text(client.get("/moderation/"))
    assert "<h1>Cola de moderación</h1>" in queue
    assert "Aprobar selección" in queue
    assert f'aria-label="Seleccionar comentario n.º {comment.id}"' in queue
    assert 'data-selected="Seleccionado: %(item)s"' in queue
    assert ">pendiente</span>" in queue and "filtro: dudoso" in queue

    token = hidden_inputs(queue)["csrf_token"]
    done = client.post(
        f"/moderation/comment/{comment.id}/action",
        data={"csrf_token": token, "action": "approve"},
        follow_redirects=True,
    )
    assert f"Comentario n.º {comment.id} aprobado." in text(done)
    again = client.post(
        f"/moderation/comment/{comment.id}/action",
        data={"csrf_token": token, "action": "approve"},
        headers={"Accept": "application/json"},
    )
    assert again.status_code == 409
    assert again.json["message"] == (
        f"El comentario n.º {comment.id} está en estado «aprobado»; ahora no admite la "
        "acción 'approve'."
    )


def test_the_queue_script_hears_spanish_while_the_moderation_api_stays_english(app, moderator):
    from service.moderation.accounts import issue_api_token

    client = signed_in_spanish_client(app, moderator)
    first = CommentFactory()
    db.session.commit()
    token = hidden_inputs(text(client.get("/moderation/")))["csrf_token"]
    answer = client.post(
        f"/moderation/comment/{first.id}/action",
        data={"csrf_token": token, "action": "approve"},
        headers={"Accept": "application/json"},
    )
    assert answer.json["message"] == f"Comentario n.º {first.id} aprobado."
    assert answer.json["status"] == "approved" and answer.json["status_label"] == "aprobado"

    bearer = issue_api_token(moderator.email)
    api = app.test_client().post(
        f"/api/moderation/comment/{first.id}/approve",
        headers={"Authorization": f"Bearer {bearer}", "Accept-Language": "es"},
    )
    assert api.status_code == 409
    assert api.json["message"].startswith(f"The comment #{first.id} is approved;")


# A held comment's reasons as the filter stored them, the last from a rule no longer known.
HELD_REASONS = [
    {"rule": "duplicate_text", "points": 4.0, "detail": "the same text was sent 2 times recently"},
    {"rule": "links", "points": 1.0, "detail": "1 link (example.org)"},
    {"rule": "retired_rule", "points": 0.5, "detail": "an old note"},
]
STAFF_WORDS = {
    "es": {
        "queue": [
            '<span class="id-label">El mismo texto enviado varias veces</span> '
            '<code class="identifier">duplicate_text</code>',
            '<td dir="auto">el mismo texto se envió 2 veces hace poco</td>',
            '<span class="id-label">Enlaces en el texto</span>',
            '<td dir="auto">1 enlace (example.org)</td>',
        ],
        "audit": [
            '<span class="id-label">Comentario aprobado</span> '
            '<code class="identifier">comment.approve</code>',
            "vía: queue",
            "antes: pendiente",
            '<span class="id-label">Inicio de sesión</span> <code class="identifier">login</code>',
            ">Comentario aprobado (comment.approve)</option>",
        ],
        "history": [
            '<span class="id-label">Consulta leída</span> '
            '<code class="identifier">inquiry.view</code>',
            "vía: page",
        ],
        "english": [
            "Same text sent several times",
            "2 times recently",
            "Comment approved",
            "Inquiry opened",
        ],
    },
    "en": {
        "queue": [
            '<span class="id-label">Same text sent several times</span> '
            '<code class="identifier">duplicate_text</code>',
            '<td dir="auto">the same text was sent 2 times recently</td>',
            '<span class="id-label">Links in the text</span>',
            '<td dir="auto">1 link (example.org)</td>',
        ],
        "audit": [
            '<span class="id-label">Comment approved</span> '
            '<code class="identifier">comment.approve</code>',
            "via: queue",
            "before: pending",
            '<span class="id-label">Signed in</span> <code class="identifier">login</code>',
            ">Comment approved (comment.approve)</option>",
        ],
        "history": [
            '<span class="id-label">Inquiry opened</span> '
            '<code class="identifier">inquiry.view</code>',
            "via: page",
        ],
        "english": [],
    },
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_moderator_reads_the_filters_reasons_and_the_audit_log_in_their_language(
    app, moderator, language
):
    expected = STAFF_WORDS[language]
    client = signed_in_client(app, moderator, language)
    comment = CommentFactory(score=5.5, reasons=HELD_REASONS)
    db.session.commit()

    queue = text(client.get("/moderation/"))
    for words in expected["queue"]:
        assert words in queue
    # A rule without a label, and a detail in no known shape, are shown as stored.
    assert '<td><code class="identifier">retired_rule</code></td>' in queue
    assert '<td dir="auto">an old note</td>' in queue

    token = hidden_inputs(queue)["csrf_token"]
    client.post(
        f"/moderation/comment/{comment.id}/action", data={"csrf_token": token, "action": "approve"}
    )
    audit = text(client.get("/moderation/audit"))
    for words in expected["audit"]:
        assert words in audit

    inquiry = InquiryFactory()
    db.session.commit()
    history = text(client.get(f"/moderation/inquiries/{inquiry.id}"))
    for words in expected["history"]:
        assert words in history
    for words in expected["english"]:
        assert words not in queue and words not in audit and words not in history


def test_the_moderation_api_keeps_rule_names_details_and_actions_as_stored(app, moderator):
    from service.moderation.accounts import issue_api_token

    comment = CommentFactory(reasons=HELD_REASONS)
    db.session.commit()
    headers = {
        "Authorization": f"Bearer {issue_api_token(moderator.email)}",
        "Accept-Language": "es",
    }
    item = app.test_client().get(f"/api/moderation/comment/{comment.id}", headers=headers).json
    assert item["reasons"] == HELD_REASONS
    app.test_client().post(f"/api/moderation/comment/{comment.id}/approve", headers=headers)
    audit = app.test_client().get("/api/moderation/audit", headers=headers).json
    assert "comment.approve" in [event["action"] for event in audit["items"]]


@pytest.mark.parametrize(
    ("language", "expected", "zone"),
    [("es", "26 nov 2026, 14:05", " CET"), ("en", "Nov 26, 2026, 2:05\u202fPM", " +0100")],
)
def test_dates_are_the_clinics_time_written_the_readers_way(
    app, client, moderator, language, expected, zone
):
    app.config["TIMEZONE"] = "Europe/Madrid"  # 13:05 UTC is 14:05 there in November
    thread = ThreadFactory(key="articles/back-pain")
    posted = dt.datetime(2026, 11, 26, 13, 5, tzinfo=dt.UTC)
    CommentFactory(thread=thread, status=CommentStatus.APPROVED, created_at=posted)
    CommentFactory(thread=thread, created_at=posted)  # waiting in the queue
    db.session.commit()
    page = text(client.get("/threads/articles/back-pain", headers={"Accept-Language": language}))
    # Public pages are read from anywhere: their times name the zone; staff pages need not.
    assert f'<time datetime="2026-11-26T13:05:00+00:00">{expected}{zone}</time>' in page

    from tests.conftest import sign_in
    from tests.factories import KNOWN_PASSWORD

    staff = app.test_client()
    staff.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    sign_in(staff, moderator.email, KNOWN_PASSWORD)
    queue = text(staff.get("/moderation/"))
    assert f'<time datetime="2026-11-26T13:05:00+00:00">{expected}</time>' in queue


def test_readers_whose_browser_asks_for_none_of_ours_get_the_default_language(make_app):
    app = make_app(DEFAULT_LANGUAGE="es")
    with app.app_context():
        client = app.test_client()
        french = text(client.get("/contact", headers={"Accept-Language": "fr-FR,fr;q=0.9"}))
        assert '<html lang="es">' in french and "Contacte con nosotros" in french
        english = text(client.get("/contact", headers={"Accept-Language": "en-GB"}))
        assert '<html lang="en">' in english and "Contact us" in english


def test_a_default_language_without_a_catalog_stops_the_app_at_start(make_app):
    from config import ConfigError

    with pytest.raises(ConfigError, match="DEFAULT_LANGUAGE must be one of en, es, not 'fr'"):
        make_app(DEFAULT_LANGUAGE="fr")


def test_mail_to_moderators_is_in_the_clinics_language_and_holds_no_health_information(
    app, client, moderator, inquiry_payload, lenient_filter
):
    from tests.functional.test_contact_notifications import mentions, visitor_details

    app.config["DEFAULT_LANGUAGE"] = "es"
    app.config["PUBLIC_URL"] = "https://desk.clinic.example"
    # An English-speaking visitor writes; the notice is still written in the clinic's Spanish.
    inquiry_id = client.post(
        "/api/inquiries", json=inquiry_payload, headers={"Accept-Language": "en"}
    ).json["id"]
    notice = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.purpose == "inquiry-notice")
    )
    assert notice.subject == f"Nueva consulta n.º {inquiry_id}"
    assert f"ha llegado una nueva consulta (n.º {inquiry_id})" in notice.body_text
    assert "Léala y respóndala aquí" in notice.body_text
    assert f"https://desk.clinic.example/moderation/inquiries/{inquiry_id}" in notice.body_text
    assert "- cerrarla: https://desk.clinic.example/moderation/link?t=" in notice.body_text
    for detail in [*visitor_details(inquiry_payload), "Pregunta sobre un tratamiento"]:
        assert not mentions(notice.body_text, detail), detail
        assert not mentions(notice.subject, detail), detail

    thread = ThreadFactory(key="articles/back-pain")
    CommentFactory(thread=thread)
    db.session.commit()
    from service.comments.digest import notify_moderators_of_pending_comments

    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert notify_moderators_of_pending_comments() == 1
    db.session.commit()
    digest = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.purpose == "comment-digest")
    )
    assert digest.subject == "Clinic Desk: 1 comentario espera moderación"
    assert "1 comentario espera moderación en Clinic Desk." in digest.body_text
    assert "Abra la cola de moderación: https://desk.clinic.example/moderation/" in digest.body_text


def test_the_embed_gets_its_words_in_the_first_language_it_asks_for_that_we_have(app, client):
    app.config["TIMEZONE"] = "America/Mexico_City"
    app.config["ALLOWED_ORIGINS"] = ["https://www.clinic.example"]
    answer = client.get(
        "/embed/strings?lang=fr-FR,es-MX,en", headers={"Origin": "https://www.clinic.example"}
    )
    assert answer.status_code == 200
    words = answer.json
    assert words["lang"] == "es" and words["timezone"] == "America/Mexico_City"
    assert words["strings"]["Leave a comment"] == "Deje un comentario"
    assert words["strings"]["Reply to %(author)s"] == "Responder a %(author)s"
    assert words["errors"]["thread_locked"] == "Los comentarios de este artículo están cerrados."
    # The API's English problem as a pattern, its Spanish with the numbers' places.
    assert [
        r"^Please keep this under (.+?) characters \(it has (.+?)\)\.$",
        "Por favor, no supere los $1 caracteres (tiene $2).",
    ] in words["fields"]
    assert answer.headers["Access-Control-Allow-Origin"] == "https://www.clinic.example"
    assert "Origin" in answer.headers["Vary"]

    foreign = client.get("/embed/strings?lang=de", headers={"Origin": "https://evil.example"})
    assert foreign.json["lang"] == "en"
    assert foreign.json["strings"]["Leave a comment"] == "Leave a comment"
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_the_embed_frame_takes_the_language_its_page_asks_for(client):
    page = text(client.get("/embed/thread?key=articles/x&lang=es-MX,en"))
    assert '<html lang="es" class="cc-frame">' in page
    page = text(
        client.get("/embed/thread?key=articles/x&lang=en", headers={"Accept-Language": "es"})
    )
    assert '<html lang="en" class="cc-frame">' in page
