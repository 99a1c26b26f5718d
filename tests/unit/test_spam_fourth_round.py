"""The fourth round of the spam filter, in English and Spanish: a supplier's "new bank account",
a payment to dispute, a review held to ransom, money "sent by mistake", casinos in a reader's
voice, link networks, cures the doctors "want to ban"; and the genuine messages the rules or the
model misread: a reader reporting a 24/7 promise, a medicine sold over the counter, a patient
proposing a payment plan, a specialist's domain, a coach citing a public source, readers
writing about the adverts, a reader's own blog and a provider's announcement. Also the phrase
triggers the filter finds in one pass."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.checks import (
    _PHRASE_PATTERNS,
    _PITCH_PARTS,
    _triggers,
    is_spam_domain,
    present_triggers,
)
from service.spam.normalize import normalize_for_matching
from service.spam.pipeline import is_care_coordination
from tests.unit.spam_helpers import in_both_languages, rules, sure_it_is_spam

# Each English text has a Spanish twin in the same family, written in other words.
TWINS = [
    (
        "Good morning, please note we have updated our banking information after an audit. "
        "Kindly settle the open invoices to the new account from today.",
        "Estimados clientes: hemos cambiado de entidad bancaria. Les rogamos que los pagos de "
        "marzo se hagan a la nueva cuenta que figura abajo.",
        "scam",
    ),
    (
        "Your order of $1,190.00 was charged. If you did not authorize this transaction, call "
        "our billing desk today to reverse it.",
        "Se realizó un cargo de 4.500 pesos a su tarjeta. Si usted no reconoce este cargo, "
        "comuníquese de inmediato.",
        "scam",
    ),
    (
        "I had a bad visit and I am ready to publish a one-star review everywhere, but I am "
        "willing not to post it if we can settle this privately for $250.",
        "Voy a dejar una reseña negativa en Google y en todos lados a menos que me devuelvan "
        "300 euros hoy.",
        "scam",
    ),
    (
        "Sorry to bother you, I transferred you $420 by mistake this morning, it was meant for "
        "my landlord. Could you send it back to the account below?",
        "Perdón la molestia, le transferí por error 200.000 pesos. ¿Me los puede devolver a esta "
        "otra cuenta? Es urgente.",
        "scam",
    ),
    (
        "My knee kept me on the sofa all week so I spun the wheel at SpinPalace, they give 50 "
        "free spins when you join lol",
        "Con la lumbalgia no salgo de casa, así que juego a la ruleta online en CasaBet, te dan "
        "100 % en tu primer depósito.",
        "money_offer",
    ),
    (
        "My sister was a nurse for twenty years and now earns passive income from home, her "
        "mentor showed her how.",
        "Dejé las guardias gracias a la inversión en inteligencia artificial, el que quiera info "
        "que me escriba.",
        "money_offer",
    ),
    (
        "Nothing worked for my mother's vertigo until she took VertiCalm drops. Doctors want to "
        "ban it. Not an ad, I just want to help.",
        "A mi abuela se le quitó el zumbido con unas cápsulas naturales. Los médicos lo quieren "
        "prohibir. Se paga contra entrega.",
        "product_testimonial",
    ),
    (
        "Your site is good but lacks links. We own a network of 200 health blogs and can place "
        "a mention for $30 per link, with a guaranteed boost in domain authority.",
        "Tenéis buena web pero os falta autoridad de dominio. Tenemos una red de 200 blogs de "
        "salud y podemos publicar enlaces hacia vuestra clínica.",
        "seo_offer",
    ),
]


# The same, from the round's second half.
TWINS += [
    (
        "Hello, our scan found two critical vulnerabilities on your website. HIPAA fines start "
        "at $50,000; I can send the report for a small fee.",
        "Buenas, detectamos vulnerabilidades críticas en su página web. Le envío el informe "
        "completo por un pago único.",
        "scam",
    ),
    (
        "Hi, quick check from the supply desk: what is the model number of your office printer? "
        "Prices for your toner order rise on Monday.",
        "Para renovar su registro sanitario transfiera al CBU que le indicaremos el arancel "
        "correspondiente.",
        "scam",
    ),
    (
        "Practices can claim a modernization grant of $20,000 that they never have to repay. "
        "Message me to check eligibility.",
        "Te enseño a operar en forex desde el celular, en un mes vas a ganar en dólares. Clase "
        "gratis el sábado.",
        "money_offer",
    ),
    (
        "Honestly skip this clinic and see Dr. Vance at GlowLine, way better than here and half "
        "the price.",
        "Vayan con la doctora Ruiz en Estética Sol, mucho mejor que aquí y sin lista de espera.",
        "product_testimonial",
    ),
    (
        "My aunt cleared her tinnitus with an ancient kitchen ritual. Look up 'Osaka ear ritual' "
        "while the video is still online.",
        "Mi tío recuperó el oído con tres ingredientes de la cocina, un remedio que los médicos "
        "lo quieren prohibir.",
        "product_testimonial",
    ),
    (
        "I wrote a complete guide to recovery snacks and your readers would love it. Could you "
        "add it to the resources section?",
        "Os escribo porque tenéis buena web pero os falta autoridad de dominio; tengo artículos "
        "listos para publicar enlaces.",
        "seo_offer",
    ),
]

# And from the second batch of writers.
TWINS += [
    (
        "NOTICE: our records indicate your practice has not completed its mandatory 2026 HIPAA "
        "registration. Register today to avoid penalties.",
        "AVISO: su establecimiento tiene una verificación sanitaria pendiente. Realice el pago de "
        "regularización en 72 horas.",
        "scam",
    ),
    (
        "Please note our banking details have changed; all open invoices should be paid to our "
        "new account from now on.",
        "Les informamos de que nuestra entidad bancaria ha cambiado: las facturas deben abonarse "
        "en la nueva cuenta.",
        "scam",
    ),
    (
        "I host a top health podcast with 90,000 monthly listeners and would love you as a "
        "featured guest on an upcoming episode; there is a small production fee.",
        "¿Le cuesta encontrar personal? Reclutamos enfermeras con título validado y nos "
        "encargamos de todo el trámite.",
        "clinic_vendor",
    ),
    (
        "My cousin lost 30 pounds with SlimPure capsules, buy 3 get 2 free this week. Doctors "
        "will never tell you about it.",
        "Mi abuela se curó con unas gotas naturales, las compré por internet y me llegaron en dos "
        "días. No os operéis sin probarlas antes.",
        "product_testimonial",
    ),
    (
        "Earn from home answering surveys, I made $300 this month. Comment YES below and I will "
        "send the link.",
        "Gano plata respondiendo encuestas desde el celu. Si quieren el link escriban QUIERO.",
        "money_offer",
    ),
]


@pytest.mark.parametrize(
    ("text", "family"),
    in_both_languages(TWINS),
)
def test_each_new_family_catches_its_message_in_english_and_in_spanish(text, family):
    assert family in rules(Submission("comment", text)), text


def test_a_vendor_letter_in_spanish_with_a_demo_and_a_customer_is_a_cold_pitch():
    text = (
        "Buenos días, soy ejecutiva comercial de AgendaMed, un software para consultorios "
        "médicos y clínicas. Nos gustaría mostrarle una demo sin compromiso."
    )
    assert "clinic_vendor" in rules(Submission("inquiry", text))


def test_a_staffing_agency_asking_to_be_pointed_to_the_right_person_is_a_cold_pitch():
    text = (
        "Hello, I'd love to learn about your current staffing gaps for the summer. Are you the "
        "right person to talk to, or could you point me in the right direction?"
    )
    assert "clinic_vendor" in rules(Submission("inquiry", text))


def test_a_reader_who_runs_marathons_is_no_seller():
    text = (
        "I run half marathons with type 1 diabetes and lower my basal an hour before the start, "
        "as my endocrinologist taught me."
    )
    assert rules(Submission("comment", text)) == {}


@pytest.mark.parametrize(
    ("genuine", "advert", "kind", "rule"),
    [
        (
            "We were told a nurse was available 24/7, but on Saturday night nobody came for five "
            "hours. I hope the hospice looks into it.",
            "Our counsellors are available 24/7, call now for help.",
            "comment",
            "support_line_advert",
        ),
        (
            "The wound nurse suggested a honey dressing for my dad. You can get it at Walgreens "
            "without a prescription, but ask your nurse first.",
            "The wound nurse suggested a honey dressing for my dad. You can get it at Walgreens "
            "without a prescription, but ask your nurse first. Cheaper here: "
            "https://honeyrx-deals.shop",
            "comment",
            "pharmacy_offer",
        ),
        (
            "My remaining balance after insurance is $1,900 and I cannot pay it at once. Could I "
            "do $150 per month? Account 44120.",
            "Work from home and make $4,000 per month with our program.",
            "inquiry",
            "money_offer",
        ),
    ],
    ids=["a promise of 24/7 care", "a medicine over the counter", "a payment plan"],
)
def test_a_patient_s_words_near_an_advert_s_fire_no_rule_and_the_advert_s_still_do(
    genuine, advert, kind, rule
):
    assert rule not in rules(Submission(kind, genuine))
    assert rule in rules(Submission(kind, advert))


def test_a_specialists_domain_is_no_pill_seller():
    assert is_spam_domain("lakeside-specialists.com") is None
    assert is_spam_domain("cheapcialis-now.com") == "cialis"


def test_a_coach_citing_a_public_source_is_not_praise_under_a_trade_name():
    text = "Parents, the academy has good info on concussions at healthychildren.org too."
    assert "praise_from_trade_name" not in rules(Submission("comment", text, author="Coach Rick"))
    assert "praise_from_trade_name" in rules(
        Submission("comment", "Good info, thanks!", author="Coach Rick Fitness")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Why are there so many comments here selling herbal cures? Please moderate them.",
        "Eliminamos un comentario que vendía una cura herbal y pedía escribir por WhatsApp.",
    ],
)
def test_a_reader_or_the_clinic_writing_about_the_adverts_sells_nothing(text):
    found = rules(Submission("comment", text))
    assert "product_testimonial" not in found and "off_platform_contact" not in found


@pytest.mark.parametrize(
    ("submission", "voice"),
    [
        (
            Submission(
                "comment",
                "I wrote about my first year with a cochlear implant on my blog, in case it "
                "helps someone: https://myearsblog.wordpress.com",
                author="Ben",
                website="https://myearsblog.wordpress.com",
            ),
            "own story",
        ),
        (
            Submission(
                "comment",
                "Recordatorio: cribado gratuito de apnea el jueves de 10 a 14 h. Plazas "
                "limitadas, apuntaos llamando al 976 555 120.",
                author="Unidad del Sueño Clínica Norte",
            ),
            "announcement",
        ),
    ],
)
def test_a_reader_s_own_blog_and_a_provider_s_announcement_are_never_spam_on_the_model_alone(
    submission, voice
):
    model = sure_it_is_spam(submission.text)
    result = assess(submission, Facts(), model)
    assert result.verdict is not Verdict.SPAM, voice
    # The same text under a seller's name with no announcement is still the model's to judge.
    seller = Submission("comment", "Best price on hearing aids this week, order today!")
    assert assess(seller, Facts(), sure_it_is_spam(seller.text)).verdict is Verdict.SPAM


def test_a_phrase_whose_beginning_is_a_number_is_tried_only_when_its_inner_words_occur():
    assert _triggers(r"(?<!\d)\d++ (?:google |5[- ]?star )?reviews for \$") == ("reviews ",)
    assert _triggers(r"\$ ?\d+ per post|we write it") == (" per pos", "we write")
    assert _triggers(r"(?:my|mi) (?:nurse|doctor) was amazed") == (" was ama",)


def test_the_triggers_found_in_one_pass_are_exactly_those_the_text_contains():
    families = [family for _, family in _PHRASE_PATTERNS.values()] + list(_PITCH_PARTS)
    triggers = {t for family in families for _, ts in family for t in ts}
    text = normalize_for_matching(
        "Check out my channel! Buy cheap meds online, free trial, 50 reviews for $100."
    )
    assert present_triggers(text) == {t for t in triggers if t in text}


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dr. Patel, are denials eating into your cardiology revenue? We work with 90+ "
        "practices and cut A/R days by 30%. Would you be open to a 15-minute call next week?",
        "Buenos días, os escribimos de Formación Clínica para ofreceros cursos bonificados para "
        "vuestro personal. ¿Os envío el temario?",
    ],
)
def test_a_vendor_letter_with_a_claim_and_a_short_call_is_a_cold_pitch(text):
    assert "clinic_vendor" in rules(Submission("inquiry", text))


@pytest.mark.parametrize(
    "text",
    [
        "I'm impressed, I must say. Rarely do I come across a blog that's both educative and "
        "entertaining.",
        "Me ha encantado el post, muy completo. Seguiré leyendo vuestro blog.",
    ],
)
def test_robot_praise_and_spanish_praise_carrying_a_trade_website_are_read(text):
    found = rules(Submission("comment", text, website="https://reformas-baratas-madrid.es"))
    assert "empty_praise" in found or "praise_from_trade_name" in found


@pytest.mark.parametrize(
    "text",
    [
        "The page says same-day appointments. I called three times and the earliest they could "
        "give me was a month away. Please update your website.",
        "Llamé cinco veces para pedir turno y nunca me atendieron. Actualicen la web por favor.",
    ],
)
def test_a_patient_s_complaint_is_never_spam_on_the_model_alone(text):
    submission = Submission("comment", text)
    result = assess(submission, Facts(), sure_it_is_spam(text))
    assert result.verdict is not Verdict.SPAM


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How much is the first visit? ¿La primera consulta es gratis?", "inquiry"),
        ("My copay went from $0 to $900 this month, is there an assistance program?", "inquiry"),
        (
            "Do you price match? An online clinic offers it for $99/month. What would I be looking "
            "at per month with you?",
            "inquiry",
        ),
        (
            "I want to buy 2 pairs of compression stockings at your office, what's the price?",
            "inquiry",
        ),
        (
            "Tried three times to call and got 'mailbox is full' every time. Phones need work.",
            "comment",
        ),
    ],
)
def test_patients_talking_about_prices_and_phones_trigger_no_phrase(text, kind):
    found = rules(Submission(kind, text))
    assert not {"money_offer", "scam", "account_phishing", "product_testimonial"} & set(found)


def test_a_partner_pharmacy_s_rx_domain_is_its_own_name():
    text = "The plan no longer covers this dose; would the prescriber like to switch?"
    partner = Submission(
        "inquiry", text, author="Maple Street Pharmacy", email="tom@maplerx-care.com"
    )
    assert "spam_domain" not in rules(partner)
    assert "spam_domain" in rules(Submission("inquiry", text, email="sales@cheaprx-online.com"))


def test_a_provider_answering_a_patient_with_its_whatsapp_is_held_not_filed():
    reply = Submission(
        "comment",
        "Ignacio, disculpa las molestias, ya quedó solucionado. Escríbenos por WhatsApp al "
        "315 555 0127 y te agendamos.",
        author="Kinesiología Andes",
    )
    result = assess(reply, Facts(), sure_it_is_spam(reply.text))
    assert result.verdict is not Verdict.SPAM
    stranger = Submission("comment", reply.text, author="Ventas Express")
    assert assess(stranger, Facts(), sure_it_is_spam(reply.text)).verdict is Verdict.SPAM


@pytest.mark.parametrize(
    "inquiry",
    [
        "This is Lakeside Pharmacy. We received an Rx for an inhaler for a patient DOB 04/11/1986 "
        "but the plan requires prior authorization. Please fax the PA form.",
        "Referring Mr. T.R., 61 M, for a sleep study; office notes attached for your review.",
        "Re: member ID ending 4471, please send the operative report for the claim review.",
        "We have a walker ready for delivery to your patient Mrs. L. Ortega; can we bring it "
        "tomorrow?",
        "Enviamos la orden de estudio de la paciente con fecha de nacimiento 12/05/1970 para su "
        "evaluación.",
    ],
)
def test_a_partner_naming_a_patient_by_birth_date_number_or_initials_is_care_coordination(inquiry):
    assert is_care_coordination(inquiry)


def test_a_greeting_to_everyone_is_no_reply_to_someone():
    from service.spam.pipeline import _ADDRESSED

    assert _ADDRESSED.match("hi walt, we hear you")
    assert _ADDRESSED.match("hola sra. leticia, gracias por su comentario")
    assert not _ADDRESSED.match("dear doctor, we are putting together a feature")
    assert not _ADDRESSED.match("felicitaciones! su consultorio fue seleccionado")
