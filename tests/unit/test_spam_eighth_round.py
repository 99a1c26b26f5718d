"""The eighth round of the spam filter, in English and Spanish: jobs and visas abroad for a fee,
diplomas without exams, recruiters, fake audits and charities paid into a personal account, seed
offerings and chain prayers, follow-for-follow, gifting circles, funeral plans and gold
retirement accounts, healers by video call, sellers who pass on a healer's number, pills without
a prescription, and requests to sign in with the practice's mail; the genuine messages they must
leave alone (a study paying its volunteers, an audit or credentialing notice, a patient's payment
plan, a job seeker, a reader quoting a scam to ask whether it is real, a reader passing on a
crisis line)."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.pipeline import DEFAULT_THRESHOLDS
from tests.unit.spam_helpers import in_both_languages, rules

# Each English text has a Spanish twin in the same family, written in other words.
TWINS = [
    (
        "My cousin got a nursing contract in Germany through an agency, she only paid the "
        "processing fee and flew out in a month.",
        "Conseguí empleo de cuidadora en Canadá con un programa, solo pagas el trámite de la "
        "visa y ellos hacen el resto.",
        "scam",
    ),
    (
        "Our program gets your staff a phlebotomy certificate without clinical hours or exams.",
        "Tramitamos su cédula profesional en 10 días sin necesidad de presentar examen.",
        "scam",
    ),
    (
        "Your practice was picked for a privacy review. To avoid penalties of up to $40,000, send "
        "the form today.",
        "Para evitar una multa de hasta 30.000 € debe completar el formulario de auditoría hoy.",
        "scam",
    ),
    (
        "Please send your donation for the children's home to my personal bank account, the "
        "details are below.",
        "Pueden hacer el depósito a nombre de mi asistente, el orfanato no tiene cuenta todavía.",
        "scam",
    ),
    (
        "Sow a seed of faith today and the prayer cloth will be mailed to your home.",
        "Con su ofrenda de amor le enviamos el aceite ungido para su sanación.",
        "scam",
    ),
    (
        "Forward this prayer to 10 people before midnight and you will see a miracle.",
        "Reenvía esta oración a 12 personas y recibirás una gran noticia mañana.",
        "engagement_bait",
    ),
    (
        "love this!! follow me back and I'll follow you too",
        "qué lindo post, sígueme y te sigo 💕",
        "engagement_bait",
    ),
    (
        "Join our gifting circle: invite two friends and your flower pays out eight times.",
        "Entra al círculo de la abundancia, invitas a dos amigas y tu flor se completa.",
        "money_offer",
    ),
    (
        "Make sure your family is covered: our final expense insurance needs no medical exam.",
        "Contrate hoy su plan de previsión funeraria y evite gastos a su familia.",
        "money_offer",
    ),
    (
        "Move your savings into physical gold with a gold IRA before the next crash.",
        "Con una hipoteca inversa puede sacar liquidez de su vivienda sin venderla.",
        "money_offer",
    ),
    (
        "We pay a referral fee for each patient you send to our recovery program.",
        "Ofrecemos una comisión por cada paciente que nos refieran a nuestro centro.",
        "clinic_vendor",
    ),
    (
        "We'd love to learn more about your current staffing needs for the new year.",
        "Nos gustaría conocer sus necesidades actuales de personal para el próximo trimestre.",
        "clinic_vendor",
    ),
    (
        "After twelve years of panic attacks I got better with distance reiki, no pills at all.",
        "Mi hermana se curó del insomnio con una sanación cuántica por videollamada.",
        "product_testimonial",
    ),
    (
        "Thousands of readers have come off their pills with this method.",
        "Cientos de pacientes han dejado la insulina gracias a este protocolo.",
        "product_testimonial",
    ),
    (
        "You can get alprazolam without a prescription, shipped in discreet packaging.",
        "Vendo clonazepam sin receta, entrega el mismo día.",
        "pharmacy_offer",
    ),
    (
        "To view the shared invoice, log in with your work email and password.",
        "Para ver el documento ingrese con el usuario y la contraseña de su correo institucional.",
        "account_phishing",
    ),
    (
        "Kindly send the direct email address of your HR manager so I can forward the profiles.",
        "Por favor envíeme el correo directo de su responsable de recursos humanos.",
        "account_phishing",
    ),
    (
        "The full routine is in my bio, check my highlights!",
        "El enlace lo tienes en mi perfil, pasate por mi cuenta ✨",
        "self_promotion",
    ),
]


@pytest.mark.parametrize(("text", "family"), in_both_languages(TWINS))
def test_each_new_family_catches_its_advert_in_either_language(text, family):
    assert family in rules(Submission("comment", text))


@pytest.mark.parametrize(
    ("text", "kind", "family"),
    [
        # A study paying its volunteers, an auditor, an insurer, a job seeker, a patient's budget.
        (
            "We are recruiting adults with back pain for a university study; participants "
            "receive $25 per visit.",
            "inquiry",
            "money_offer",
        ),
        (
            "Volunteers attend two sessions a week for ten weeks and receive $20 per session.",
            "inquiry",
            "money_offer",
        ),
        (
            "Your office has been randomly selected for an audit of 12 claims; upload the records "
            "through the portal.",
            "inquiry",
            "money_offer",
        ),
        (
            "Your location has been selected for a routine desk audit of 15 claims.",
            "inquiry",
            "money_offer",
        ),
        (
            "Your credentialing with our health plan is due for renewal; please upload the "
            "certificate.",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "I'm leaving the Army as a medic. What jobs would I be eligible for at your clinic?",
            "inquiry",
            "money_offer",
        ),
        ("Can I set up a payment plan? I can pay $150/month.", "inquiry", "money_offer"),
        ("Our sober living house is near you; rent is $750/month.", "inquiry", "money_offer"),
        ("¿Aceptan asistentes médicos sin experiencia?", "comment", "money_offer"),
        ("¿Cuánto cuesta la prótesis de cadera, todo incluido?", "inquiry", "clinic_vendor"),
        # The clinic's own disclosure, a news link, a coffee shop's sign.
        (
            "Our articles are written by our clinicians and are not sponsored or reviewed by any "
            "drug company.",
            "comment",
            "product_testimonial",
        ),
        (
            "The county paper wrote about our nurse, here's the link if you missed it.",
            "comment",
            "product_testimonial",
        ),
        (
            "We'd like to put a round-up sign on our counter for the clinic; happy to send a "
            "mockup.",
            "inquiry",
            "clinic_vendor",
        ),
        # A mother raising money for the clinic in her daughter's memory, a professor's study.
        (
            "I lost my daughter last spring. My family wants to raise money for something your "
            "nurses need. We would be open to a short call; who is the right person to talk to?",
            "inquiry",
            "clinic_vendor",
        ),
        (
            "Dear Clinic Director, I'm a professor at State University with a grant to study "
            "rural transport. Would you be open to a short call?",
            "inquiry",
            "clinic_vendor",
        ),
        # A reader asking whether a prize that reached them is real.
        (
            "is this legit? got a text saying i won a free whitening from your clinic",
            "inquiry",
            "money_offer",
        ),
    ],
)
def test_genuine_messages_beside_the_new_phrases_are_left_alone(text, kind, family):
    assert family not in rules(Submission(kind, text))


def verdict(kind, text):
    return assess(Submission(kind, text), Facts(), None, DEFAULT_THRESHOLDS)


@pytest.mark.parametrize(
    "text",
    [
        "I got a text saying I owe $62 and must pay at http://clinic-pay-portal.co today. Is this "
        "really from you? I didn't click it.",
        "Me llegó un mensaje para pagar un depósito en http://pagos-citas.info/confirmar. ¿Es de "
        "ustedes?",
    ],
)
def test_a_link_quoted_by_a_reader_asking_whether_a_message_is_genuine_adds_nothing(text):
    assessment = verdict("inquiry", text)
    links = [r for r in assessment.reasons if r.rule == "links"]
    assert links and links[0].points == 0
    assert assessment.verdict is Verdict.HAM


def test_the_same_link_without_the_question_still_counts():
    assessment = verdict("inquiry", "Pay your balance at http://clinic-pay-portal.co today.")
    assert next(r.points for r in assessment.reasons if r.rule == "links") > 0


@pytest.mark.parametrize(
    "text",
    [
        "If you are in a dark place tonight, the county crisis line is (614) 555-0110, answered "
        "24 hours.",
        "Para quien lo necesite, la línea de apoyo emocional gratuita es el 800 555 0134.",
    ],
)
def test_a_reader_passing_on_a_crisis_line_is_not_held_for_the_number(text):
    assessment = verdict("comment", text)
    assert {r.rule: r.points for r in assessment.reasons}["phone_number"] < 1
    assert assessment.verdict is Verdict.HAM


@pytest.mark.parametrize(
    "text",
    [
        "Call me at (614) 555-0110 for the best prices in town.",
        # Fake customer service calls itself a support line, or a helpline.
        "Call the PayNimbus app support line +1 (888) 555-0187 for refunds, 24 hours.",
        "Benefits helpline for seniors: (877) 555-0196, free braces covered by your plan.",
    ],
)
def test_another_number_in_a_comment_still_holds_it(text):
    assessment = verdict("comment", text)
    assert {r.rule: r.points for r in assessment.reasons}["phone_number"] == 2.0
    assert assessment.verdict is not Verdict.HAM


@pytest.mark.parametrize(
    ("author", "points"),
    [
        ("Vidente Amarres Tarot Rosario", 2.0),
        ("Boost Followers Likes Fast", 2.0),
        ("Gestoria Lopez y Asociados Madrid", 1.0),
    ],
)
def test_a_name_of_the_new_trades_is_an_advert(author, points):
    assert rules(Submission("comment", "¿Abren el sábado?", author=author)) == {
        "author_name_advert": points
    }
