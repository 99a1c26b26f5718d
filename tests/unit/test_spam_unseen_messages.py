"""Messages the filter had never seen: vendors' letters in any trade, scams and cure stories in
new words, keywords without commas, and the genuine messages a model taught by adverts would
bury (a reply to a reader, a notice about care, a partner writing about one patient), in English
and Spanish."""

import pytest

from service.spam import Facts, Submission, Verdict, assess
from service.spam.checks import find_cold_pitch, has_call_to_action
from service.spam.normalize import normalize_for_matching
from service.spam.pipeline import DEFAULT_THRESHOLDS, is_care_coordination, is_thread_reply
from tests.unit.spam_helpers import rules, sure_it_is_spam


@pytest.mark.parametrize(
    "letter",
    [
        "Hi, we fix Google Business Profiles for doctors and usually get them into the top 3 in "
        "60 days. Can I send over a quick audit?",
        "Hello practice manager, our team handles credentialing with Medicare and commercial "
        "payers end to end. Do you have any doctors joining next quarter?",
        "We provide medical office cleaning after hours, fully insured, and already clean "
        "several clinics in your area. Can I come by and give you a free quote?",
        "Hola, ofrecemos limpieza y desinfección de consultorios en horario nocturno. Ya "
        "atendemos varias clínicas de su zona. ¿Cuándo podemos pasar a cotizar?",
        "Tramitamos la credencialización de sus médicos con las aseguradoras. Todo el proceso en "
        "español. ¿Le muestro cómo trabajamos?",
        "Nuestro call center atiende 24/7 y agenda citas por usted. El primer mes es gratis.",
    ],
)
def test_a_vendors_letter_is_recognised_by_its_parts_whatever_it_sells(letter):
    assert find_cold_pitch(normalize_for_matching(letter)) is not None
    assert rules(Submission("inquiry", letter))["clinic_vendor"] == 2.0


@pytest.mark.parametrize(
    "question",
    [
        "Is the first visit free? Can I send you my x-rays before the appointment?",
        "Do you offer payment plans? My insurance is Blue Shield and I can send my card.",
        "¿La primera consulta es gratis? ¿Les mando mis radiografías antes de la cita?",
        "Hola, somos la farmacia de la esquina. Su paciente Sra. Ríos trae una receta sin dosis.",
        "Our team at the school would like to invite your nurses to the health fair.",
    ],
)
def test_a_patient_or_partner_asking_about_prices_is_no_vendor(question):
    assert find_cold_pitch(normalize_for_matching(question)) is None


def test_a_vendor_naming_what_its_software_sends_is_still_a_vendor():
    # "remitir" alone is no colleague referring a patient ("remitir a una paciente").
    letter = (
        "Ofrecemos un software que permite remitir facturas electrónicas a las aseguradoras. "
        "¿Le muestro una demo de 15 minutos?"
    )
    assert find_cold_pitch(normalize_for_matching(letter)) is not None
    colleague = "Nuestro equipo quiere remitir a una paciente. ¿Le mando el informe?"
    assert find_cold_pitch(normalize_for_matching(colleague)) is None


@pytest.mark.parametrize(
    "partner",
    [
        "Our team runs the pharmacy next door. Would you consider leaving some of your leaflets "
        "with us? We are not looking for a commission.",
        "Somos una farmacia del barrio y nos gustaría tener folletos de la clínica. Le mando la "
        "dirección. No buscamos comisión.",
    ],
)
def test_a_partner_asking_for_leaflets_without_commission_is_no_vendor(partner):
    assert find_cold_pitch(normalize_for_matching(partner)) is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Doctors don't want you to know this one simple trick. Watch before it gets taken "
            "down.",
            "product_testimonial",
        ),
        (
            "Los médicos odian este truco sencillo. La industria farmacéutica lo oculta.",
            "product_testimonial",
        ),
        (
            "Your mailbox has reached its storage limit. Reply with your current password.",
            "account_phishing",
        ),
        (
            "Su buzón alcanzó el límite de almacenamiento. Responda con su contraseña actual.",
            "account_phishing",
        ),
        (
            "Congratulations, your address won 500,000 euros. To release the prize, send a copy of "
            "your passport. Dear beneficiary, kindly reply.",
            "money_offer",
        ),
        (
            "¡Felicidades! Su correo resultó ganador del sorteo electrónico. Para liberar el "
            "premio envíe copia de su cédula.",
            "money_offer",
        ),
    ],
)
def test_scams_and_miracle_cures_in_new_words_in_both_languages(text, rule):
    assert rules(Submission("comment", text)).get(rule, 0) > 0


@pytest.mark.parametrize(
    "text",
    [
        "travel vaccines houston yellow fever vaccine houston typhoid shot houston travel clinic "
        "near me houston travel doctor",
        "dentista infantil cdmx odontopediatra cdmx dentista para niños coyoacan urgencias cdmx "
        "el mejor dentista infantil cerca de mi",
    ],
)
def test_keywords_without_commas_are_keyword_stuffing(text):
    assert rules(Submission("comment", text))["keyword_stuffing"] == 2.5


@pytest.mark.parametrize(
    "text",
    [
        "my knee hurts when i walk and my knee swells at night and the knee brace does not help",
        "me duele la rodilla cuando camino y la rodilla se hincha en la noche y la rodillera no "
        "ayuda",
    ],
)
def test_a_run_on_sentence_about_one_knee_is_no_keyword_list(text):
    assert "keyword_stuffing" not in rules(Submission("comment", text))


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Ann, results usually show up within 48 hours. If they do not, call 555-0190.",
        "Hola Wanda, sí, puede recogerlo en recepción. Si no, llame al 555-0190.",
    ],
)
def test_a_reply_to_a_named_reader_is_held_at_most_never_filed_by_the_model(reply):
    assert is_thread_reply(reply)
    model = sure_it_is_spam(reply)
    result = assess(Submission("comment", reply), Facts(), model)
    assert result.verdict is Verdict.UNSURE
    assert result.score < DEFAULT_THRESHOLDS.for_kind("comment")[1]


def test_a_reply_that_sells_something_is_still_spam():
    pitch = "Hi Ann, we sell 5-star Google reviews for clinics, message me."
    result = assess(Submission("comment", pitch), Facts(), sure_it_is_spam(pitch))
    assert is_thread_reply(pitch)
    assert result.verdict is Verdict.SPAM


@pytest.mark.parametrize("opening", ["Hello Team, ", "Dear Friend, ", "Hi everyone! "])
def test_greeting_a_crowd_is_no_reply_to_a_reader(opening):
    assert not is_thread_reply(opening + "we have an offer for you.")


@pytest.mark.parametrize(
    "notice",
    [
        "Our dialysis units will be closed on Thanksgiving Day and patients scheduled that day "
        "will dialyze on Wednesday. For an emergency, call the on-call nephrologist at 555-0101.",
        "El 1 de enero la unidad permanecerá cerrada. Los pacientes de ese turno se dializarán el "
        "31. Para urgencias llame al médico de guardia al 555-0101.",
    ],
)
def test_a_notice_about_care_is_not_filed_as_spam_by_the_model_a_link_and_a_phone(notice):
    result = assess(Submission("comment", notice), Facts(), sure_it_is_spam(notice))
    assert result.verdict is Verdict.UNSURE
    # The same words about something else are the model's to judge.
    other = "Our units will be closed on Thursday. For a deal, call 555-0101 at once."
    assert assess(Submission("comment", other), Facts(), sure_it_is_spam(other)).verdict is (
        Verdict.SPAM
    )


@pytest.mark.parametrize(
    "inquiry",
    [
        "Hello, Lakeside Family Pharmacy here. We received an e-script for patient D. Harris but "
        "the quantity is blank. Can the provider call us at 555-0119?",
        "Buenos días, recibimos la orden de plantillas de la paciente C. Soler pero falta la "
        "firma del médico. ¿Nos la pueden enviar?",
    ],
)
def test_a_care_partner_writing_about_one_named_patient_is_not_held_by_the_model(inquiry):
    assert is_care_coordination(inquiry)
    model = sure_it_is_spam(inquiry, kind="inquiry")
    result = assess(
        Submission("inquiry", inquiry, website="https://lakeside-family.example"), Facts(), model
    )
    assert result.verdict is Verdict.HAM


def test_a_vendor_writing_about_your_patients_in_general_is_no_care_partner():
    assert not is_care_coordination(
        "Your patients deserve better reminders. Our app sends them by SMS, order today."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Please share this. The reaction started in ten minutes.",
        "Por favor compartan este artículo con sus padres.",
        "Please please share this article with the men in your life.",
    ],
)
def test_passing_a_warning_on_is_no_call_to_action(text):
    folded = normalize_for_matching(text)
    assert not has_call_to_action(Submission("comment", folded), folded)


def test_asking_friends_to_share_a_video_still_is():
    text = "please share this with friends"
    assert has_call_to_action(Submission("comment", text), text)


@pytest.mark.parametrize(
    "text",
    [
        "If you are struggling, the SAMHSA National Helpline is free and open 24/7: "
        "1-800-662-4357. Please share this.",
        "Si estás pasando por un mal momento, la Línea de la Vida atiende 24/7. Compártelo.",
    ],
)
def test_a_reader_passing_on_a_crisis_line_is_no_support_line_advert(text):
    found = rules(Submission("comment", text))
    assert "support_line_advert" not in found
    assert "off_platform_contact" not in found


def test_a_patient_asking_for_an_answer_on_whatsapp_in_an_inquiry_is_no_evidence():
    ask = "Mi mamá solo habla español. ¿Me pueden escribir por WhatsApp al 787-555-0143?"
    assert "off_platform_contact" not in rules(Submission("inquiry", ask))
    assert "off_platform_contact" in rules(Submission("comment", "Escríbeme por WhatsApp ya"))


@pytest.mark.parametrize(
    ("author", "advert"),
    [
        ("Clínica Dental Bright Smile", False),
        ("Riverbend Pharmacy Service", False),
        ("Best Dentist Miami Cheap Implants", True),
        ("Mejor Dentista Barato Monterrey", True),
    ],
)
def test_a_clinic_or_a_partner_is_named_for_what_it_does(author, advert):
    found = rules(Submission("comment", "Thank you for the reminder.", author=author))
    assert ("author_name_advert" in found) is advert


@pytest.mark.parametrize(
    ("praise", "website"),
    [
        (
            "This is such a useful resource, thank you for putting it together.",
            "roofrepairaustin.co",
        ),
        ("Muy buena información, me sirvió bastante.", "https://mudanzas-baratas-cdmx.com"),
    ],
)
def test_generic_praise_with_a_tradesmans_website_is_the_website_advertising(praise, website):
    found = rules(Submission("comment", praise, author="Sam", website=website))
    assert found["praise_from_trade_name"] == 2.0
    blog = rules(Submission("comment", praise, author="Sam", website="https://sam.blogspot.com"))
    assert "praise_from_trade_name" not in blog


def test_a_phrase_skipped_for_want_of_its_trigger_would_not_have_matched():
    from service.spam.checks import _PHRASE_PATTERNS, _search_family
    from service.spam.corpus import bundled_paths, load_many

    rows = load_many(bundled_paths())[::7]
    for row in rows:
        text = normalize_for_matching(row.submission.text)
        for _, phrases in _PHRASE_PATTERNS.values():
            every = [p.search(text) for p, _ in phrases]
            expected = min((m for m in every if m), key=lambda m: m.start(), default=None)
            found = _search_family(phrases, text)
            assert (found is None) == (expected is None), text
            if found is not None:
                assert found.start() == expected.start()


def test_every_phrase_but_a_few_has_triggers():
    from service.spam.checks import _PHRASE_PATTERNS

    phrases = [phrase for _, family in _PHRASE_PATTERNS.values() for phrase in family]
    untriggered = [pattern.pattern for pattern, triggers in phrases if not triggers]
    assert len(phrases) > 300
    assert len(untriggered) <= 10, untriggered
