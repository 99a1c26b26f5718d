"""The sixth round of the spam filter, in English and Spanish: review sellers, hackers for hire,
domain and kidney scams, visa and job fees, overpayment through an agent, stem-cell tourism and
products "only sold" on one site, multi-level marketing, property yields, lists of search terms,
practice buyers, brokers and recruiters; the genuine messages the new phrases must leave alone
(a patient asking about the clinic's WhatsApp, a clinic's own open day, an employer asking a
quotation for its staff, a library or a non-profit offering a free session); and the model's
place beside a comment robot's praise."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.checks import has_call_to_action, run_checks
from service.spam.corpus import LabelledRow
from service.spam.evaluation import train_model
from service.spam.normalize import normalize_for_matching
from service.spam.pipeline import DEFAULT_THRESHOLDS, is_thread_reply
from tests.unit.spam_helpers import in_both_languages, rules

# Each English text has a Spanish twin in the same family, written in other words.
TWINS = [
    (
        "Grow your practice fast: 150+ genuine 5-star Google reviews delivered in 21 days.",
        "Consiga reseñas reales en Google para su consultorio, entrega en una semana.",
        "seo_offer",
    ),
    (
        "If you need to catch a cheating husband or recover a hacked account, write to Max.",
        "¿Quieres espiar el WhatsApp de tu pareja? Mi contacto lo hace en 24 horas.",
        "scam",
    ),
    (
        "We are the domain registration center in Asia: a company asked to register your brand "
        "as domains .cn and .asia, please confirm if they are your partner.",
        "Somos el registro de dominios de China y una empresa quiere su nombre como dominio .cn.",
        "scam",
    ),
    (
        "Hospital needs kidney donors urgently for the sum of $300,000, half paid in advance.",
        "Compramos órganos: puede vender su riñón por una gran suma, escríbanos.",
        "scam",
    ),
    (
        "Jobs in Canada for nurses with visa sponsorship 100% guaranteed, free flight ticket.",
        "Trabajo en Alemania para auxiliares; para empezar debe abonar la tasa de homologación.",
        "scam",
    ),
    (
        "I will pay by card in advance and you can refund the balance to my shipping agent.",
        "Pagaremos por adelantado y usted paga el flete a nuestro agente de transporte.",
        "scam",
    ),
    (
        "My knee was healed at a stem cell clinic abroad. They also treat autism, lupus, MS and "
        "diabetes. Look them up!",
        "La crema me cambió la vida, solo la venden en su página y pagas al recibir.",
        "product_testimonial",
    ),
    (
        "I lost 9 kilos with these drops, I ordered them from this site: slimdrops-shop.com",
        "Bajé de peso con estas gotas, lo pedí aquí: gotasflaca.com.mx y pongan mi código ANA5",
        "product_testimonial",
    ),
    (
        "I earn from home recommending these shakes, join my team and send me a DM.",
        "Ahora gano en dólares desde mi celular, escríbeme QUIERO por DM y te enseño.",
        "money_offer",
    ),
    (
        "Doctors are buying apartments with guaranteed 8% rental returns and a golden visa.",
        "Invierta en locales con rentabilidad garantizada del 9% anual.",
        "money_offer",
    ),
    (
        "Great read! From the team at Brightside Dental, your number one clinic for implants.",
        "Gran artículo. Un saludo desde Sonrisa Clara, vuestra clínica de implantes en Sevilla.",
        "self_promotion",
    ),
    (
        "Nice post, I wrote a longer piece your readers might find useful: tips-hearing.net",
        "Tengo un blog de recetas y ahí vendo mis mermeladas sin azúcar, pasen a verlo.",
        "self_promotion",
    ),
    (
        "We sell insulin, test strips and other meds at half price, delivery included.",
        "Vendo insulina, tiras reactivas y medicamentos de alto costo a muy buen precio.",
        "pharmacy_offer",
    ),
    (
        "Our scan found WCAG violations on your homepage; ADA website lawsuits are rising.",
        "Compramos equipo médico usado: autoclaves, sillones y monitores, pago al contado.",
        "clinic_vendor",
    ),
    (
        "Please open the document through the secure link to review the invoice and pay.",
        "Abra el documento en el enlace seguro para revisar la factura pendiente.",
        "account_phishing",
    ),
    (
        "Comment your age and your city below, let's see who reads this!",
        "Comenten su edad y su ciudad, a ver quién lee esto.",
        "engagement_bait",
    ),
    (
        "Sugar daddy looking for a sweet girl, weekly allowance, text me.",
        "Busco una chica, le doy mesada semanal, escríbeme.",
        "adult_bait",
    ),
    (
        "We are hiring secret shoppers: $300 per assignment, the first one evaluates a money "
        "transfer office.",
        "Buscamos cliente misterioso para evaluar tiendas, se paga por visita.",
        "scam",
    ),
    (
        "Dear brother in faith, my late husband's fortune is deposited in a security bank and "
        "I want it used for charity.",
        "Querido hermano en Cristo, soy viuda del difunto empresario y tengo fondos "
        "depositados en un banco extranjero.",
        "scam",
    ),
    (
        "Please note our new bank details for all future invoice payments.",
        "Le informamos que nuestra entidad bancaria ha sido sustituida; pague a la nueva cuenta.",
        "scam",
    ),
    (
        "Priest Obi helped me: after a spiritual cleansing my pain was gone in 2 weeks.",
        "Una limpia espiritual del hermano Tomás me curó, escríbanle.",
        "scam",
    ),
    (
        "Early investors saw returns of 8-12x; minimum allocation is $25,000, pre-IPO round.",
        "Con la plataforma que opera sola gané 3.000 euros con una inversión de 250.",
        "money_offer",
    ),
    (
        "Your child may be entitled to compensation; no fee unless we win, free case review.",
        "Si tuvo un accidente podría tener derecho a una indemnización, llámenos.",
        "money_offer",
    ),
    (
        "I tried these detox foot pads and they pulled the toxins out, the pads were black!",
        "Usé los parches desintoxicantes de NaturPie y se me quitó el dolor.",
        "product_testimonial",
    ),
    (
        "Surgeons hate this: one infusion of umbilical stem cells and my knee is new.",
        "Mi padre recibió infusiones de células madre y volvió a caminar; solo la venden en "
        "celulasvida.com",
        "product_testimonial",
    ),
    (
        "We will distribute your press release to 300+ news sites, guaranteed publication.",
        "Publicamos su nota de prensa en 200 medios digitales.",
        "seo_offer",
    ),
    (
        "Leave a comment with the word HEALTH to enter our raffle!",
        "Regalamos un móvil: dejen un comentario con la palabra SALUD.",
        "engagement_bait",
    ),
]


@pytest.mark.parametrize(("text", "family"), in_both_languages(TWINS))
def test_each_new_family_catches_its_advert_in_either_language(text, family):
    assert family in rules(Submission("comment", text))


@pytest.mark.parametrize(
    "letter",
    [
        "As an independent energy broker I compare 30+ suppliers for clinics. Most small "
        "practices are overpaying; can I give you a quick call tomorrow?",
        "En Fiscal Salud nos especializamos en médicos: primera revisión sin costo. Agende aquí "
        "su llamada.",
        "We are an ISO certified dental laboratory; crowns from only $39 and the first 3 cases "
        "are free.",
        "Somos una empresa con más de 10 años brindando servicios de limpieza a clínicas. Nos "
        "gustaría hacerles llegar una cotización.",
    ],
)
def test_new_kinds_of_sales_letter_are_cold_pitches(letter):
    assert rules(Submission("inquiry", letter)).get("clinic_vendor") == 2.0


@pytest.mark.parametrize(
    "terms",
    [
        "dentist near me, teeth whitening price, cheap implants, emergency dentist 24 hours, "
        "veneers deal",
        "implantes dentales baratos, blanqueamiento precio, ortodoncia invisible, dentista 24 "
        "horas, carillas promocion",
    ],
)
def test_a_list_of_search_terms_is_keyword_stuffing(terms):
    assert rules(Submission("comment", terms))["keyword_stuffing"] == 2.5


def test_a_patient_listing_symptoms_with_commas_is_no_list_of_search_terms():
    text = "tired all day, cold hands, dry skin, hair falling out, weight gain, low mood"
    assert "keyword_stuffing" not in rules(Submission("comment", text))


@pytest.mark.parametrize(
    ("text", "kind", "family"),
    [
        ("¿Se puede pedir cita por WhatsApp? El número no contesta.", "comment", None),
        ("Quick one: is the WhatsApp number on your page also for bookings?", "comment", None),
        (
            "Free blood pressure checks Saturday by the fountain, no appointment. Come say hi!",
            "comment",
            "adult_bait",
        ),
        (
            "Could you email my daughter's glasses prescription? We want to order frames online.",
            "inquiry",
            "pharmacy_offer",
        ),
        (
            "I want to pay by transfer; please confirm account name and number first.",
            "inquiry",
            "account_phishing",
        ),
        (
            "Please send us a quotation for hepatitis B vaccination for our staff, 120 persons.",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "Necesitamos chequeos médicos para nuestros empleados, ¿nos envían una cotización?",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "I'm a volunteer with a non-profit dance group: could we run a free 30-minute demo "
            "class in your community room?",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "I'm the librarian at the public library; we run free tech help for seniors with "
            "patient portals. Co-host a session?",
            "inquiry",
            "support_line_advert",
        ),
        (
            "I saw an ad for 50% off whitening with your logo and a link to book. Was that you?",
            "comment",
            "money_offer",
        ),
        (
            "Our rugby club would like to agree a discounted rate for our players. Who would be "
            "the right person to talk to?",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "Tenemos a nuestro cargo a la Sra. Ruiz, que fue dada de alta tras un ictus; "
            "contamos con transporte. Quedamos atentos.",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "Hicimos dos ciclos aquí y el segundo tuvo descuento por ser paquete.",
            "comment",
            "clinic_vendor",
        ),
        (
            "I have a flight to visit my sister next week, is it safe after the implant?",
            "inquiry",
            "self_promotion",
        ),
        (
            "Please unsubscribe me from the newsletter but keep the reminders.",
            "inquiry",
            "self_promotion",
        ),
        (
            "Me cobraron 25 mil pesos con todo incluido y terminé con una infección.",
            "comment",
            "clinic_vendor",
        ),
        (
            "Our university research group, approved by the ethics board, invites clinics to a "
            "study at no cost to the clinic.",
            "inquiry",
            "clinic_vendor",
        ),
    ],
)
def test_genuine_messages_beside_the_new_phrases_are_left_alone(text, kind, family):
    found = rules(Submission(kind, text))
    if family is None:
        assert "off_platform_contact" not in found
    else:
        assert family not in found


def test_a_students_mail_domain_is_no_pharmacy_domain():
    question = "I am a final-year medical student asking about an elective placement."
    found = rules(Submission("inquiry", question, email="ana@medstudents-mail.org"))
    assert "spam_domain" not in found
    assert "spam_domain" in rules(Submission("inquiry", question, email="a@cheapmeds-now.org"))


def test_a_vendor_writing_no_strings_attached_is_still_a_vendor():
    letter = (
        "We help dental practices fill their schedule with Instagram ads. Free audit, no "
        "strings attached. Would you be open to a 15-minute call?"
    )
    assert rules(Submission("inquiry", letter)).get("clinic_vendor") == 2.0


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("My pharmacist gave me a free discount card and a senior discount.", False),
        ("Could you make the text bigger on this website? It is hard to read.", False),
        ("Get 40% discount on all orders today", True),
        ("Visit our website for more", True),
    ],
)
def test_a_senior_discount_or_the_page_being_read_is_no_call_to_action(text, asks):
    submission = Submission("comment", text)
    assert has_call_to_action(submission, normalize_for_matching(text), []) is asks


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("Gracias Camila por avisarnos. Ya corregimos el enlace.", True),
        ("Thanks Ruth for the reminder, the form is fixed now.", True),
        ("Thank you KatyPerryVevo for your instagram likes @someone", False),
    ],
)
def test_thanking_a_reader_by_name_opens_a_reply_but_a_channel_name_does_not(text, reply):
    assert is_thread_reply(text) is reply


def test_a_comment_robots_praise_is_not_lowered_by_a_model_that_reads_it_as_ham():
    praise = (
        "Wow, this article is pleasant, my sister is analyzing these things, so I am "
        "going to convey her."
    )
    friendly = [LabelledRow(Submission("comment", praise), False)] * 20
    friendly += [LabelledRow(Submission("comment", "buy cheap pills now"), True)] * 20
    model = train_model(friendly)
    robot = Submission("comment", praise, author="kitchen remodel denver")
    found = {r.rule: r.points for r in run_checks(robot, Facts())}
    assert found["empty_praise"] == 2.0
    assessment = assess(robot, Facts(), model, DEFAULT_THRESHOLDS)
    learned = next(r for r in assessment.reasons if r.rule == "learned_model")
    assert learned.points == 0.0, "the model may not lower a robot's praise"
    assert assessment.verdict == Verdict.SPAM
