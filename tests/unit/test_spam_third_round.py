"""The third round of the spam filter, in English and Spanish: scams that pose as the clinic's
own doctor or an authority, predatory journals and paid awards, lists of people for sale,
investment and recovery schemes, chain letters and robots' praise; and the genuine messages a
model taught by adverts would bury: a patient's own question, a support group's free offer, a
provider writing under its own name, a partner about one patient's appointment, a patient
quoting a promotion or asking about a medicine without a prescription."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.pipeline import is_care_coordination, is_provider_identity
from tests.unit.spam_helpers import rules, sure_it_is_spam

# Each English text has a Spanish twin in the same family, written in other words.
TWINS = [
    (
        "Hi, are you at your desk? I need you to buy six gift cards for a staff surprise. Keep "
        "this between us and send me photos of the codes.",
        "Hola, ¿estás en la oficina? Necesito una transferencia urgente a un proveedor, estoy en "
        "quirófano y no puedo hablar. No lo comentes con nadie.",
        "scam",
    ),
    (
        "Dear Provider, failure to respond within 5 business days will result in suspension of "
        "payments. Reply with your NPI and tax ID.",
        "Aviso: su clínica tiene un adeudo fiscal. Regularice su situación en 48 horas para "
        "evitar el bloqueo de sus cuentas y un expediente sancionador.",
        "scam",
    ),
    (
        "Dear Author, we invite you to submit a manuscript. The article processing charge is "
        "only USD 899 and peer review completes in 7 days.",
        "Distinguido investigador: le invitamos a publicar en nuestra revista indexada. Tarifa de "
        "procesamiento: 280 USD.",
        "clinic_vendor",
    ),
    (
        "Would you be interested in acquiring a verified list of dermatologists with direct "
        "dials? Let me know your target geography and I'll send counts and pricing.",
        "Disponemos de una base de datos actualizada de más de 120.000 personas interesadas en "
        "perder peso. Ideal para campañas de captación.",
        "clinic_vendor",
    ),
    (
        "Dear Doctor, as a high-income professional you may like our private digital asset fund, "
        "which returned 41% last year. Minimum investment is $25,000.",
        "Invierta en nuestras cosechas con una rentabilidad fija del 12 % anual. Mi papá ya está "
        "sacando 300 dólares por semana, van de mi parte.",
        "money_offer",
    ),
    (
        "I lost $68,000 to a scam broker until recovery agents got every cent back in 72 hours.",
        "Fui víctima de una estafa y perdí 40.000 dólares en cripto. Gracias a un hacker ético "
        "recuperé todo mi dinero.",
        "money_offer",
    ),
    (
        "Type AMEN if you believe. Share this with 10 people or face 7 years of bad luck.",
        "Escribe AMÉN y compártelo con 10 personas, o tendrás 7 años de mala suerte.",
        "engagement_bait",
    ),
    (
        "My dermatologist was shocked: the spots were gone in 3 weeks. He ships worldwide.",
        "Mi dermatóloga no lo podía creer. Quien quiera el té que me escriba, envío a toda la "
        "república.",
        "product_testimonial",
    ),
    (
        "Anyone want to keep me company tonight? Discreet affairs with married women near you.",
        "Miles de mujeres casadas buscan aventuras discretas cerca de ti.",
        "adult_bait",
    ),
]


@pytest.mark.parametrize(("english", "spanish", "rule"), TWINS)
def test_each_new_family_reads_both_languages(english, spanish, rule):
    assert rules(Submission("inquiry", english)).get(rule, 0) > 0
    assert rules(Submission("inquiry", spanish)).get(rule, 0) > 0


@pytest.mark.parametrize(
    "genuine",
    [
        "Are you open on Saturday? I can't talk on the phone at work, please email me.",
        "¿Estáis abiertos el sábado? En el trabajo no puedo hablar por teléfono.",
        "Gift cards are available at the front desk or by calling 555-0118.",
        "Tarjetas regalo disponibles en recepción para Navidad.",
        "Este viernes hacemos espirometría gratuita; hay evidencia de que ayuda a dejar de fumar.",
        "Our free workshop has limited places, please book at the front desk.",
        "I lost 12 pounds on the programme and my dermatologist was happy with my skin.",
    ],
)
def test_ordinary_words_near_the_new_phrases_trigger_no_pitch(genuine):
    found = rules(Submission("comment", genuine))
    assert not {"scam", "money_offer", "clinic_vendor", "product_testimonial"} & set(found)


@pytest.mark.parametrize(
    "question",
    [
        "Can I get the nasal spray without a prescription, or do I need to come in?",
        "¿Se puede comprar sin receta o hace falta pedir cita?",
    ],
)
def test_a_patient_asking_about_a_medicine_without_a_prescription_is_no_pharmacy(question):
    assert "pharmacy_offer" not in rules(Submission("comment", question))
    offer = "Ozempic without prescription!! Ships from Canada, text me for prices."
    assert "pharmacy_offer" in rules(Submission("comment", offer))
    assert "pharmacy_offer" in rules(Submission("comment", "Vendemos tramadol sin receta."))


def test_a_patient_quoting_a_promotion_in_a_comment_is_no_money_offer():
    for text in (
        "I did the spring special on IPL (the 20% off one) and my spots are lighter.",
        "Vi el 20% off en blanqueamiento, ¿sigue vigente?",
    ):
        assert "money_offer" not in rules(Submission("comment", text))
    for text in (
        "My back pain was gone with these gummies. Use code TOM15 for 15% off.",
        "Las gotas milagrosas con 30% off en https://gotas.example",
    ):
        assert "money_offer" in rules(Submission("comment", text))


@pytest.mark.parametrize(
    "post",
    [
        "I wrote about my whole recovery on my blog if anyone wants a patient's point of view.",
        "Holiday hours: closed Thursday. For urgent injuries please visit urgent care.",
    ],
)
def test_a_reader_telling_where_she_wrote_is_no_self_promotion(post):
    assert "self_promotion" not in rules(Submission("comment", post))
    ask = "I also write about this on my blog, check it out and leave a comment!"
    assert "self_promotion" in rules(Submission("comment", ask))


@pytest.mark.parametrize(
    "offer",
    [
        "I run a small online group for family members of dialysis patients. It's free, no "
        "selling allowed. You're welcome to join, the link is on my site.",
        "Somos un grupo de apoyo de mujeres con cáncer de mama. Es gratis. ¿La clínica podría "
        "compartirlo con sus pacientes? Contacto: Silvia 555-0171.",
    ],
)
def test_a_support_group_offering_something_free_is_not_filed_as_spam(offer):
    assert "clinic_vendor" not in rules(Submission("comment", offer))
    result = assess(Submission("comment", offer), Facts(), sure_it_is_spam(offer))
    assert result.verdict is not Verdict.SPAM


@pytest.mark.parametrize(
    "question",
    [
        "I'm on insulin glargine 28 units at night and my fasting numbers are 150-170. Would "
        "switching to morning make a difference?",
        "Tengo la tensión en 150/95 con enalapril 10 mg. ¿Debería subir la dosis?",
    ],
)
def test_a_patients_own_question_is_not_filed_as_spam_by_the_model(question):
    result = assess(Submission("comment", question), Facts(), sure_it_is_spam(question))
    assert result.verdict is Verdict.UNSURE
    # A question that sells something is still spam.
    pitch = question + " My herbal doctor cures it, email him at cure@herbs.example"
    model = sure_it_is_spam(pitch)
    assert assess(Submission("comment", pitch), Facts(), model).verdict is Verdict.SPAM


def test_a_provider_writing_under_its_own_name_is_held_at_most():
    notice = "Holiday hours: we'll be closed December 24-26. Call 555-0118 for gift cards."
    provider = Submission(
        "comment",
        notice,
        author="Lumen Skin & Aesthetics",
        email="hello@lumenskinclinic.example",
        website="https://lumenskinclinic.example",
    )
    assert is_provider_identity(provider)
    assert assess(provider, Facts(), sure_it_is_spam(notice)).verdict is Verdict.UNSURE
    # A name that does not say what it treats, or an address elsewhere, is anyone's.
    stranger = Submission(
        "comment",
        notice,
        author="Deals Team",
        email="hello@lumenskinclinic.example",
        website="https://lumenskinclinic.example",
    )
    assert not is_provider_identity(stranger)
    elsewhere = Submission(
        "comment",
        notice,
        author="Lumen Skin & Aesthetics",
        email="promo@gmail.com",
        website="https://lumenskinclinic.example",
    )
    assert not is_provider_identity(elsewhere)
    assert assess(elsewhere, Facts(), sure_it_is_spam(notice)).verdict is Verdict.SPAM


@pytest.mark.parametrize(
    "inquiry",
    [
        "Confirming wheelchair van pickup for your patient Gloria Simms on Thursday for her "
        "11:15 appointment. Please call dispatch at 555-0150 if the time changes.",
        "Con relación al paciente Héctor Domínguez Ruiz, póliza AM-3390125, les solicitamos el "
        "informe médico inicial para el reembolso.",
        "This message is regarding the prior authorization for member ID ASH-5528193. Please fax "
        "the clinical notes to 555-0138.",
    ],
)
def test_a_partner_about_one_patients_appointment_or_claim_is_care_coordination(inquiry):
    assert is_care_coordination(inquiry)
    result = assess(
        Submission("inquiry", inquiry), Facts(), sure_it_is_spam(inquiry, kind="inquiry")
    )
    assert result.verdict is Verdict.HAM


def test_an_insurer_on_an_inquiry_is_named_for_what_it_does():
    insurer = Submission(
        "inquiry", "Please send the records for claim 7781-220.", author="Allstar Health Insurance"
    )
    assert "author_name_advert" not in rules(insurer)
    advert = Submission("comment", "Nice post", author="Cheap Car Insurance Quotes Online")
    assert "author_name_advert" in rules(advert)
