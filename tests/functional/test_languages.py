"""Visitors read the pages in their language: Spanish from Accept-Language or the switch."""

from __future__ import annotations

import html

import pytest

from tests.functional.test_contact_form import VISITOR, open_form


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


def test_the_staff_screens_stay_english_without_a_language_switch(spanish_client):
    page = text(spanish_client.get("/moderation/login"))
    assert '<html lang="en">' in page
    assert "Staff sign-in" in page
    assert "/language/" not in page
