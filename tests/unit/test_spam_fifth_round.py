"""The fifth round of the spam filter, in English and Spanish: robot receptionists and their
demos, social-media packages, site-speed and map-listing pitches, recruiters' fees, directory
invoices, prize and donation scams, money mules, grants, credit repair, loans, review extortion,
parcel and card phishing, miracle diets; the genuine messages the new phrases must leave alone;
and a model that has read few inquiries, which may no longer hold one by itself."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.corpus import LabelledRow
from service.spam.evaluation import train_model
from service.spam.model import LearnedModel
from service.spam.starter import starter_bytes
from tests.unit.spam_helpers import in_both_languages, rules


@pytest.fixture(scope="module")
def starter_model() -> LearnedModel:
    return LearnedModel.from_bytes(starter_bytes())


# Each English text has a Spanish twin in the same family, written in other words.
TWINS = [
    (
        "Hello, our virtual receptionist picks up every call after six and puts the booking "
        "straight in your diary. Could I send you a 3-minute video?",
        "Buenos días, nuestra recepcionista automática contesta el teléfono de noche y agenda "
        "las citas sola. ¿Le enseño una demostración esta semana?",
        "clinic_vendor",
    ),
    (
        "Hi! We manage Instagram for small practices: 16 posts + 6 reels every month, flat fee.",
        "Hola, llevamos redes de consultorios: publicaciones y reels cada semana por un precio "
        "fijo.",
        "clinic_vendor",
    ),
    (
        "I ran a quick audit and found 14 errors on your site that keep it off the first page.",
        "Hemos detectado 9 errores en su web que le quitan visitas cada día.",
        "clinic_vendor",
    ),
    (
        "We place experienced dental nurses with practices like yours; there is a placement fee "
        "only if you hire.",
        "Tenemos auxiliares y enfermeras con experiencia disponibles para trabajar desde el "
        "lunes; solo cobramos un mes de sueldo si hay contratación.",
        "clinic_vendor",
    ),
    (
        "Would you accept sponsored posts from wellness brands? We also add one contextual link "
        "to our partner.",
        "Vendo enlaces en diarios digitales de alta autoridad para mejorar su posicionamiento.",
        "seo_offer",
    ),
    (
        "Final notice: the annual listing for your practice is unpaid. Pay within 5 days to "
        "avoid suspension of your listing.",
        "Le recordamos que su inscripción en la guía de profesionales vence; de no pagar, "
        "iniciaremos la reclamación judicial.",
        "scam",
    ),
    (
        "Congratulations, your practice was chosen to receive a $750 voucher. Answer our "
        "30-second survey to claim it.",
        "Enhorabuena: su centro ha sido seleccionado para recibir una tablet gratis.",
        "scam",
    ),
    (
        "We need someone to receive payments into your own account and forward them; you keep "
        "a share.",
        "Buscamos gestor de pagos desde casa: solo recibir transferencias en su cuenta y "
        "reenviarlas.",
        "scam",
    ),
    (
        "Your practice qualifies for a federal equipment grant. Reply with your tax number to "
        "release it.",
        "Su clínica califica para una subvención estatal. Para liberar el dinero debe pagar una "
        "pequeña tasa.",
        "scam",
    ),
    (
        "We can remove old medical collections from your credit report and raise your credit "
        "score in weeks.",
        "Podemos borrar las colecciones de su reporte y subir su puntaje este mismo mes.",
        "scam",
    ),
    (
        "Private lender: funds from $2,000, no credit checks, approval the same day.",
        "Ofrezco préstamos entre particulares al 3 % de interés, sin comprobaciones de crédito.",
        "scam",
    ),
    (
        "Forty negative reviews about your clinic are ready to go live next week unless you pay.",
        "Tenemos reseñas negativas preparadas sobre su consulta; si no quieren que esto pase, "
        "paguen hoy.",
        "scam",
    ),
    (
        "We attempted to deliver your parcel. Reschedule your delivery here and pay the fee.",
        "Su paquete está retenido en aduanas por falta de pago de tasas; si no paga será devuelto.",
        "scam",
    ),
    (
        "I lost 12 kg in 3 weeks with these drops and I eat whatever I want.",
        "Bajé 9 kilos en un mes con unas cápsulas, sin dieta ni gimnasio.",
        "product_testimonial",
    ),
]


# The second batch of the round.
TWINS += [
    (
        "Please settle invoice 3391 by transfer to our new account; the old one is closed.",
        "Les rogamos que el pago de la factura se haga a la nueva cuenta que indicamos abajo.",
        "scam",
    ),
    (
        "I am a solicitor writing about the estate of a deceased client who shares your surname.",
        "Le escribo por la herencia de un cliente fallecido que comparte su apellido.",
        "scam",
    ),
    (
        "Our scanner found malicious code on your website; search engines may blacklist your "
        "domain.",
        "Hemos encontrado malicious code en su web y los buscadores pueden bloquearla.",
        "scam",
    ),
    (
        "Nursing jobs in Norway: to reserve your place you must pay the course fee first.",
        "Trabajo en Alemania: para reservar plaza hay que abonar 300 € de matrícula.",
        "scam",
    ),
    (
        "We grow your practice's accounts to 5k real, targeted followers; non-drop guarantee.",
        "Gestionamos vuestro Instagram y TikTok: sin permanencia, desde 99 € al mes.",
        "clinic_vendor",
    ),
    (
        "I noticed a broken link in your article; my guide would make a great replacement.",
        "Soy diseñador web y le paso un presupuesto sin compromiso para renovar su página.",
        "clinic_vendor",
    ),
    (
        "Doctors are shocked: this balm regrows nerve tissue. Limited stock left!",
        "Los médicos quedaron sorprendidos; el señor lo manda a todo el país.",
        "product_testimonial",
    ),
    (
        "I follow his trading signals and make over $3,000 every week.",
        "Invierto 200 € y me devuelve 900 € a la semana con un método secreto.",
        "money_offer",
    ),
]


@pytest.mark.parametrize(
    ("text", "family"),
    in_both_languages(TWINS),
)
def test_each_new_family_catches_its_message_in_english_and_in_spanish(text, family):
    assert family in rules(Submission("inquiry", text)), text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "I'm a dentist and I make snoring splints. My patient needs a sleep study first; "
            "what is the referral process for dentists?",
            "inquiry",
        ),
        (
            "Mi padre dice que los audífonos pitan. ¿Se acostumbrará o los tiene mal puestos?",
            "comment",
        ),
        (
            "Se le rompió el cargador a mi madre. ¿Se lo podemos mandar por mensajería?",
            "inquiry",
        ),
        (
            "Do you offer payment plans? I could manage $120/month for the physio sessions.",
            "inquiry",
        ),
        (
            "Are the mite-proof covers worth the money or is a hot wash enough?",
            "comment",
        ),
        (
            "Me compré unos audífonos baratos por internet y fue tirar el dinero.",
            "comment",
        ),
        (
            "A mi bebé ya le salieron dos dientes; no sabía que hay que cepillar desde que sale "
            "el primero.",
            "comment",
        ),
        (
            "Does the clinic sell the exercise putty or do I need to order it online?",
            "comment",
        ),
        (
            "Somos una agencia de viajes. ¿Tenéis algún folleto de vacunas? No buscamos comisión.",
            "inquiry",
        ),
        (
            "La terapeuta me recomendó abridores de frascos; se consiguen en cualquier ortopedia.",
            "comment",
        ),
    ],
    ids=[
        "a colleague's referral",
        "hearing aids badly fitted",
        "a charger by courier",
        "a payment plan",
        "worth the money",
        "money wasted",
        "a first tooth",
        "a question about ordering",
        "a travel agency's leaflets",
        "a shop anywhere",
    ],
)
def test_a_patients_words_near_the_new_phrases_are_not_spam(starter_model, text, kind):
    result = assess(Submission(kind, text), Facts(), starter_model)
    assert result.verdict is Verdict.HAM, result.reasons


def _taught_on_few_inquiries() -> LearnedModel:
    """A model taught that sixty inquiries, all asking for a call back, are spam, and that
    plenty of short comments are not: it has read few inquiries."""
    rows = [
        LabelledRow(Submission("inquiry", f"Please call our team back today about offer {n}"), True)
        for n in range(30)
    ]
    rows += [
        LabelledRow(Submission("inquiry", f"Thanks for the visit, see you on day {n}"), False)
        for n in range(30)
    ]
    rows += [
        LabelledRow(Submission("comment", f"nice article number {n}"), False) for n in range(40)
    ]
    return train_model(rows)


def test_a_model_that_has_read_few_inquiries_does_not_hold_a_genuine_one_by_itself():
    model = _taught_on_few_inquiries()
    assert model.documents_of_kind("inquiry") == 60
    inquiry = Submission("inquiry", "Please call our team back today about my daughter's visit")
    result = assess(inquiry, Facts(), model)
    learned = next(r for r in result.reasons if r.rule == "learned_model")
    assert learned.points > 0
    assert result.verdict is Verdict.HAM


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Ann, results usually show up within 48 hours. If they do not, call 555-0190.",
        "Hola Wanda, sí, puede recogerlo en recepción. Si no, llame al 555-0190.",
    ],
)
def test_a_reply_to_a_named_reader_is_held_by_the_model_alone_only_when_it_is_very_sure(reply):
    from service.spam.pipeline import (
        DEFAULT_THRESHOLDS,
        THREAD_REPLY_HOLD_POINTS,
        _cap_thread_reply,
    )
    from service.spam.submission import Reason

    unsure_at, spam_at = DEFAULT_THRESHOLDS.for_kind("comment")
    submission = Submission("comment", reply)

    def score(*reasons: Reason) -> float:
        return sum(
            r.points for r in _cap_thread_reply(submission, list(reasons), spam_at, unsure_at)
        )

    doubt = Reason("learned_model", 2.0, "spam probability 0.88")
    sure = Reason("learned_model", THREAD_REPLY_HOLD_POINTS + 0.5, "spam probability 0.99")
    number = Reason("phone_number", 1.4, "1 phone number(s) in a public comment")
    assert score(doubt) < unsure_at  # goes live
    assert unsure_at <= score(sure) < spam_at  # held for a moderator
    assert unsure_at <= score(doubt, number) < spam_at  # a number in public is still held
