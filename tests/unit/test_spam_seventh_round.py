"""The seventh round of the spam filter, in English and Spanish: callers after bank and identity
numbers, debt collectors' threats, overpayment and immigration-paperwork scams, dating bait, work
from home and coins about to rise, healers who cure the incurable, cold pitches and the vanity
trade (paid conferences, journals, seals, directories), and a story that names the product its
website sells; the genuine messages they must leave alone (a clinic warning about a scam, a
patient asking whether a message is one, a patient asking for a gift card, a reader's own small
account, a clinic giving its own address); and the starter model's rare features, forgotten
without changing a judgement."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.corpus import LabelledRow, bundled_paths, load_many
from service.spam.evaluation import train_model
from service.spam.featurize import features, kind_marker
from service.spam.model import LearnedModel
from service.spam.naive_bayes import NaiveBayesModel
from service.spam.pipeline import DEFAULT_THRESHOLDS
from service.spam.submission import KINDS
from tests.unit.spam_helpers import in_both_languages, rules

# Each English text has a Spanish twin in the same family, written in other words.
TWINS = [
    (
        "We found you were overcharged $265. Kindly call us back with your bank account details "
        "so we can process your refund today.",
        "Detectamos un cobro duplicado de 78,50 €. Para el reembolso, indíquenos su IBAN "
        "completo respondiendo a este mensaje.",
        "account_phishing",
    ),
    (
        "Your coverage will be cancelled. Please confirm your Social Security number and date of "
        "birth by calling 1-877-555-0133.",
        "Para mantener su póliza, confirme su CURP y el número completo de su tarjeta.",
        "account_phishing",
    ),
    (
        "Please note we have new bank account details: send all future payments to the account "
        "below.",
        "Le informamos que hemos cambiado nuestra cuenta bancaria; realice los próximos depósitos "
        "a la nueva.",
        "account_phishing",
    ),
    (
        "You are using my photo on this page without permission. Remove it or pay the licence fee.",
        "La foto que usan en este artículo es mía y no tienen permiso; os he dejado las pruebas "
        "de autoría.",
        "account_phishing",
    ),
    (
        "Call 1-844-555-0117 within 48 hours or this matter will be forwarded to our legal "
        "department.",
        "Contacte con nosotros urgentemente para evitar su inclusión en ficheros de morosos.",
        "scam",
    ),
    (
        "We are authorized to settle your balance for $380 if paid today. Payment accepted by "
        "prepaid card.",
        "Para evitar una orden de deportación el pago se realiza con tarjetas de regalo "
        "prepagadas.",
        "scam",
    ),
    (
        "I will pay the total with my credit card and you send part of it to my transport agent.",
        "Le enviaré un cheque por un monto mayor y usted me devuelve la diferencia por "
        "transferencia.",
        "scam",
    ),
    (
        "Soy gestor migratorio: trabajo directamente con oficiales y puedo agilizar los casos "
        "detenidos.",
        "Le tramitamos su licencia de manejo en cualquier estado sin necesidad de papeles.",
        "scam",
    ),
    (
        "hey handsome, so bored tonight at home, come see my photos on my profile",
        "hola lindo, me aburro mucho, en mi perfil tengo más fotos",
        "adult_bait",
    ),
    (
        "made 3x this week on a coin nobody knows about yet, dm me before it pumps",
        "ahora gano dinero desde casa con el celular, escríbeme y te explico",
        "money_offer",
    ),
    (
        "Dr. Imoudu cured my best friend of HIV with his herbal medicine, he only asks for the "
        "cost of the herbs.",
        "El doctor me curó el herpes con raíces africanas y solo cobra lo de las hierbas.",
        "product_testimonial",
    ),
    (
        "Search Audimira Plus before they raise the price, order only from the official store.",
        "Busquen Crecikid, ahorita tienen precio especial; yo se los consigo.",
        "product_testimonial",
    ),
    (
        "Would you be interested in getting 20-30 new patients a month? Just reply YES.",
        "Doctora, le consigo pacientes con publicidad pagada, le garantizo mínimo 20 citas o no "
        "me paga.",
        "clinic_vendor",
    ),
    (
        "We have two keynote slots left at the International Summit and would like to invite you "
        "to serve as a speaker.",
        "Nos complace invitarle a participar con un capítulo en el libro colectivo de este año.",
        "clinic_vendor",
    ),
    (
        "Bad reviews? We remove them. Low rating? We boost it.",
        "Eliminación de reseñas negativas en mapas y directorios, desde $1,500 por reseña.",
        "clinic_vendor",
    ),
    (
        "Please be advised that our company has changed banks; payments should now be made to "
        "the account below.",
        "Registramos un saldo impago del hosting: abone mediante transferencia al CBU indicado.",
        "account_phishing",
    ),
    (
        "Please remit payment today by wire transfer to avoid suspension of your supply account.",
        "Los invito a mi consultorio de medicina alternativa, curamos diabetes y cáncer sin "
        "químicos.",
        "scam",
    ),
    (
        "We are a manufacturer and exporter of portable ultrasound and patient monitors.",
        "Somos una productora audiovisual especializada en salud y nos queda un cupo para su "
        "video.",
        "clinic_vendor",
    ),
    (
        "I run a health blog and would pay you $40 for each post you publish with my link.",
        "Vendemos enlaces en periódicos y blogs de salud para mejorar su posicionamiento.",
        "seo_offer",
    ),
    (
        "Need surgery and can't pay? Medical credit for treatments, instant approval.",
        "¿Necesitas una cirugía? Te financiamos hasta $150,000 sin aval y sin checar buró.",
        "money_offer",
    ),
    (
        "Tengo seguros de gastos médicos desde $590 al mes, mándenme mensaje y les cotizo sin "
        "compromiso.",
        "Planes familiares con 50% de descuento: déjanos tu número y te llamamos hoy.",
        "off_platform_contact",
    ),
]


@pytest.mark.parametrize(("text", "family"), in_both_languages(TWINS))
def test_each_new_family_catches_its_advert_in_either_language(text, family):
    assert family in rules(Submission("comment", text))


@pytest.mark.parametrize(
    ("text", "kind", "family"),
    [
        (
            "Hola Ernesto, te confirmamos que el hospital nunca solicita datos bancarios por SMS. "
            "Si has recibido un mensaje así, no pulses el enlace.",
            "comment",
            "account_phishing",
        ),
        (
            "Is this the real clinic page? I got an email saying I overpaid and need to send my "
            "bank details for a refund. Sounds fake.",
            "comment",
            "account_phishing",
        ),
        (
            "That message is NOT from us. We will never ask you to pay a settlement by prepaid "
            "card.",
            "comment",
            "scam",
        ),
        (
            "¿Venden tarjetas de regalo o paquetes de limpieza? Quiero regalarle consultas a mi "
            "hermana.",
            "inquiry",
            "scam",
        ),
        (
            "I run a small account about sun safety (about 2k followers). May I link your article "
            "in my story?",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "Please have your Medicaid card and your social security number with you at the visit.",
            "comment",
            "account_phishing",
        ),
        (
            "Trabajo desde casa así que puedo ir a la cita de las 10 cualquier día.",
            "inquiry",
            "money_offer",
        ),
        (
            "After the stitches we remove them in ten days; the nurse will call you.",
            "comment",
            "clinic_vendor",
        ),
        (
            "With the heat advisory, cooling centers are open with free bottled water and a "
            "place to rest.",
            "comment",
            "product_testimonial",
        ),
        (
            "We're a small parent-run nonprofit. Would your team hang our poster for awareness "
            "day? Every share helps.",
            "inquiry",
            "engagement_bait",
        ),
        (
            "My mom got a call saying she owes $900 and has to pay with gift cards today. Please "
            "tell me this is a scam.",
            "comment",
            "scam",
        ),
        (
            "Buenas tardes, somos una agencia de viajes y muchos clientes preguntan dónde "
            "vacunarse para Asia.",
            "inquiry",
            "clinic_vendor",
        ),
        # What a clinic or a patient says in the same words as a pitch.
        ("Our APCs now see walk-in patients on Saturdays.", "comment", "clinic_vendor"),
        ("Please see below new opening hours for the holidays.", "comment", "clinic_vendor"),
        ("Las citas no confirmadas serán dadas de baja de la agenda.", "comment", "clinic_vendor"),
        ("¿Me dan un número de contacto para urgencias?", "inquiry", "clinic_vendor"),
        ("Nos encargamos de la facturación a su obra social.", "comment", "clinic_vendor"),
        (
            "Do you offer medical financing for surgery? I was quoted $4,000.",
            "inquiry",
            "money_offer",
        ),
        ("¿Ofrecen créditos para tratamientos dentales sin checar buró?", "inquiry", "money_offer"),
        ("Ahora hay descuento para jubilados en las limpiezas.", "comment", "product_testimonial"),
        ("Book before the offer ends on Friday!", "comment", "product_testimonial"),
        ("No curamos el cáncer, pero acompañamos a cada familia.", "comment", "scam"),
        (
            "Hola Ana, con gusto te cotizo el tratamiento en la consulta.",
            "comment",
            "off_platform_contact",
        ),
    ],
)
def test_genuine_messages_beside_the_new_phrases_are_left_alone(text, kind, family):
    assert family not in rules(Submission(kind, text))


@pytest.mark.parametrize(
    ("text", "website"),
    [
        (
            "My husband's knee pain stopped after a month of Kneevia drops, he walks the dog "
            "every morning now.",
            "https://kneeviadrops.com",
        ),
        (
            "Mi mamá tenía manchas en la cara y con la crema Melaniclar desaparecieron en un mes.",
            "https://melaniclar-oficial.com",
        ),
    ],
)
def test_a_story_that_names_its_websites_product_is_a_cure_story(text, website):
    assert rules(Submission("comment", text, website=website))["cure_story"] == 2.5


@pytest.mark.parametrize(
    "text",
    [
        "My husband's chest pains eased after a month of Korvella drops. You can order them at "
        "korvella-natural.com, they ship anywhere.",
        "A mi papá le bajó la presión con el té Presiolina, lo consiguen en presiolina-tienda.mx "
        "con envío gratis.",
    ],
)
def test_a_story_that_names_the_shop_it_links_to_is_a_cure_story(text):
    assert rules(Submission("comment", text))["cure_story"] == 2.5


def test_a_reader_linking_a_public_health_page_about_a_cream_is_no_cure_story():
    text = (
        "The Eczema Society has a good guide on emollient creams at eczemasociety.org, worth "
        "reading alongside this."
    )
    assert "cure_story" not in rules(Submission("comment", text))


@pytest.mark.parametrize(
    ("text", "website", "email"),
    [
        # The clinic gives its own address in a reply: no product in a story.
        (
            "Lola, sentimos mucho la espera. Por favor, escríbenos a info@vistaclara.es y te "
            "llamamos hoy mismo con los resultados de la crema que te recetamos.",
            "https://vistaclara.es",
            "info@vistaclara.es",
        ),
        # A reader names her own blog.
        (
            "I wrote about my year of drops and creams on my blog, Bald and Happy.",
            "https://baldandhappy.com",
            "",
        ),
    ],
)
def test_a_website_named_as_an_address_or_a_blog_is_no_product(text, website, email):
    found = rules(Submission("comment", text, website=website, email=email))
    assert "cure_story" not in found


@pytest.mark.parametrize(
    ("author", "points"),
    [
        ("Cirugia Plastica Lipo Precio Monterrey", 2.0),
        ("Suministros Dentales Mayoreo Outlet", 2.0),
        ("psicologo online chile reembolso isapre", 1.0),
    ],
)
def test_a_name_stuffed_with_prices_and_trades_is_an_advert(author, points):
    found = rules(Submission("comment", "Muy informativo, felicidades.", author=author))
    assert found["author_name_advert"] == points


def test_a_home_care_agency_named_for_its_service_is_no_advert():
    author = "Cuidadores a Domicilio Amanecer"
    assert "author_name_advert" not in rules(Submission("inquiry", "Su paciente ...", author))


def test_empty_praise_under_a_stuffed_name_is_not_lowered_by_the_model():
    praise = "This is exactly what I was looking for, keep up the good work."
    friendly = [LabelledRow(Submission("comment", praise), False)] * 20
    friendly += [LabelledRow(Submission("comment", "buy cheap pills now"), True)] * 20
    model = train_model(friendly)
    advert = Submission(
        "comment",
        praise,
        author="Affordable MRI Scan Cost Near Me",
        website="https://mriscan-costfinder.com",
    )
    assessment = assess(advert, Facts(), model, DEFAULT_THRESHOLDS)
    learned = next(r for r in assessment.reasons if r.rule == "learned_model")
    assert learned.points == 0.0, "the model may not lower praise under a stuffed name"
    assert assessment.verdict == Verdict.SPAM


def test_forgetting_rare_features_changes_no_judgement_and_drops_the_once_seen():
    rows = load_many(bundled_paths())[::40]
    model = train_model(rows)
    texts = [row.submission for row in rows[::3]]
    before = [model.log_odds_parts(features(s), s.kind) for s in texts]
    size = len(model.bayes)
    dropped = model.bayes.forget_rare(KINDS)
    assert 0 < dropped < size
    assert len(model.bayes) == size - dropped
    assert [model.log_odds_parts(features(s), s.kind) for s in texts] == before
    again = LearnedModel.from_bytes(model.to_bytes())
    assert [again.log_odds_parts(features(s), s.kind) for s in texts] == before


def test_a_rare_feature_that_refines_a_kinds_weight_is_kept():
    model = NaiveBayesModel()
    word, marker = 12345, kind_marker("comment")
    for is_spam in (True, False, True):
        model.learn([word], is_spam)
    model.learn([word, word ^ marker, marker], True)  # the word once in a comment
    model.learn([7, marker], False)
    model.forget_rare(KINDS)
    assert model.counts(word ^ marker) == (1, 0), "the comment copy of a weighing word stays"
    assert model.counts(7) is None, "a word seen once that refines nothing is forgotten"


REPLY = (
    "Hola Mayra, sí se puede y es recomendable en el embarazo. Llámanos al (322) 555 0138 y te "
    "damos un espacio."
)


def judge(text, email, website=""):
    submission = Submission(
        "comment", text, author="Clínica Dental Bahía Azul", email=email, website=website
    )
    return assess(submission, Facts(), None, DEFAULT_THRESHOLDS).verdict


def test_a_provider_answering_in_its_own_name_with_its_number_goes_live():
    mail, site = "citas@clinicadentalbahiaazul.mx", "https://clinicadentalbahiaazul.mx"
    assert judge(REPLY, mail, site) == Verdict.HAM
    assert judge(REPLY, mail) == Verdict.HAM


@pytest.mark.parametrize(
    ("text", "email"),
    [
        # Another name's address: the number is held for a moderator.
        (REPLY, "promo@otherdeals.com"),
        # The provider's own address, linking to another site.
        (REPLY + " Más información en otrositio.com", "citas@clinicadentalbahiaazul.mx"),
    ],
)
def test_a_provider_whose_address_or_links_are_not_its_own_is_held(text, email):
    assert judge(text, email) == Verdict.UNSURE


def test_a_pitch_in_a_providers_own_name_still_counts():
    text = REPLY + " Te financiamos hasta $20,000."
    assert judge(text, "citas@clinicadentalbahiaazul.mx") == Verdict.SPAM
