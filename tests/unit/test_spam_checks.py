import ipaddress

import pytest

from service.spam import (
    Blocklist,
    Facts,
    FormTokenState,
    Submission,
    Verdict,
    assess,
)
from service.spam.checks import has_call_to_action, is_cited_link
from service.spam.links import find_links, is_page_link
from service.spam.normalize import normalize_for_matching
from service.spam.pipeline import DEFAULT_THRESHOLDS

CLEAN_COMMENT = "Thank you, the stretches in this article helped my lower back a lot."
CLEAN_INQUIRY = "Hello, do you have an opening next Tuesday for a follow-up visit?"


def judge(text=CLEAN_COMMENT, kind="comment", facts=None, **fields):
    submission = Submission(kind=kind, text=text, **fields)
    return assess(submission, facts or Facts(), None, DEFAULT_THRESHOLDS)


def rules(assessment):
    return {reason.rule: reason for reason in assessment.reasons}


def test_clean_comment_without_a_model_is_ham_with_no_reasons():
    result = judge()
    assert result.verdict is Verdict.HAM
    assert result.reasons == ()
    assert result.score == 0


def test_filled_honeypot_makes_spam():
    result = judge(honeypot="http://example.com")
    assert result.verdict is Verdict.SPAM
    assert rules(result)["honeypot"].points >= 10


@pytest.mark.parametrize(
    "state",
    [
        FormTokenState.TOO_FAST,
        FormTokenState.REPLAYED,
        FormTokenState.INVALID,
        FormTokenState.EXPIRED,
    ],
)
def test_bad_form_token_holds_a_clean_submission(state):
    for kind, text in (("comment", CLEAN_COMMENT), ("inquiry", CLEAN_INQUIRY)):
        result = judge(text, kind, form_token=state)
        assert result.verdict is not Verdict.HAM
        assert f"form_token_{state.value}" in rules(result)


def test_too_fast_form_token_names_its_age_but_not_the_text():
    reason = rules(judge(form_token=FormTokenState.TOO_FAST, form_token_age=0.8))[
        "form_token_too_fast"
    ]
    assert "0.8 s" in reason.detail
    assert "stretches" not in reason.detail


def test_missing_form_token_adds_a_little_but_never_holds_a_clean_submission_alone():
    for kind, text in (("comment", CLEAN_COMMENT), ("inquiry", CLEAN_INQUIRY), ("message", "hi")):
        result = judge(text, kind, form_token=FormTokenState.MISSING)
        assert rules(result)["form_token_missing"].points > 0
        assert result.verdict is Verdict.HAM


def test_links_add_points_by_count_and_name_the_domains():
    one = rules(judge("Read more at https://example.org/page about this."))["links"]
    three = rules(
        judge("See a.example.com and https://b.example.net/x and http://c.example.info now")
    )["links"]
    assert three.points > one.points > 0
    assert "example.org" in one.detail
    assert "3 links" in three.detail


def test_a_youtube_timestamp_link_is_not_counted_as_a_link():
    stamp = '<a href="http://www.youtube.com/watch?v=KQ6zr6kCPj8&amp;t=3m40s">3:40</a> best part'
    assert rules(judge(stamp)) == {}
    assert rules(judge("the chorus at https://youtu.be/KQ6zr6kCPj8?t=80 is the best")) == {}
    plain = rules(judge('<a href="http://www.youtube.com/watch?v=KQ6zr6kCPj8">my video</a>'))
    assert {"links", "link_markup"} <= set(plain)


def test_a_comment_that_is_mostly_links_gets_the_density_rule():
    assert "link_density" in rules(judge("https://example.org https://example.net wow"))
    assert "link_density" not in rules(judge(CLEAN_COMMENT + " https://example.org"))


def test_link_shortener_is_flagged_in_text_and_website():
    assert "bit.ly" in rules(judge("cool https://bit.ly/3Kp9xQe"))["link_shortener"].detail
    assert "link_shortener" in rules(judge(CLEAN_COMMENT, website="https://tinyurl.com/abc"))


def test_bbcode_and_html_link_markup_are_flagged():
    assert "link_markup" in rules(judge("[url=https://example.org]cheap stuff[/url]"))
    assert "link_markup" in rules(judge('<a href="https://example.org">cheap stuff</a>'))
    assert "link_markup" not in rules(judge(CLEAN_COMMENT))


def test_known_spam_domain_patterns_are_flagged_wherever_the_domain_appears():
    by_tld = rules(judge(CLEAN_COMMENT, website="https://best-doctor.xyz"))["spam_domain"]
    assert ".xyz" in by_tld.detail
    by_word = rules(judge("visit onlinecasino-bonus.com today"))["spam_domain"]
    assert "casino" in by_word.detail
    assert "spam_domain" not in rules(judge("MedlinePlus at https://medlineplus.gov/backpain"))


def test_blocklisted_word_email_domain_and_address_range_are_each_caught():
    blocklist = Blocklist.from_entries(
        [
            ("word", "crypto signals"),
            ("email", "Spammer@Example.com"),
            ("domain", "bad-site.example"),
            ("network", "203.0.113.0/24"),
        ]
    )
    facts = Facts(blocklist=blocklist)
    assert "blocked_word" in rules(judge("Join my Crypto  Signals group", facts=facts))
    assert "blocked_email" in rules(judge(facts=facts, email="spammer@example.com"))
    domain = rules(judge("see https://shop.bad-site.example/x", facts=facts))["blocked_domain"]
    assert "bad-site.example" in domain.detail
    address = rules(judge(facts=facts, client_address="203.0.113.0"))["blocked_address"]
    assert "203.0.113.0/24" in address.detail
    assert rules(judge(facts=facts, client_address="198.51.100.0")) == {}


def test_blocklisted_word_matches_whole_words_only():
    facts = Facts(blocklist=Blocklist.from_entries([("word", "cialis")]))
    assert "blocked_word" not in rules(judge("specialist appointment", facts=facts))


def test_cyrillic_viagra_is_caught():
    facts = Facts(blocklist=Blocklist.from_entries([("word", "viagra")]))
    result = judge("cheap vi\u0430gra here", facts=facts)
    assert "blocked_word" in rules(result)
    assert rules(result)["blocked_word"].detail == "blocked word 'viagra'"


def test_zero_width_joiners_do_not_hide_a_blocked_word():
    facts = Facts(blocklist=Blocklist.from_entries([("word", "viagra")]))
    assert "blocked_word" in rules(judge("cheap vi\u200dag\u200bra", facts=facts))


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("network", "10.0.0.300/8", "not an IP address or a CIDR range"),
        ("domain", "not a domain", "not a domain name"),
        ("email", "nobody", "not an email address"),
        ("word", "   ", "empty"),
        ("colour", "red", "Unknown blocklist kind"),
    ],
)
def test_bad_blocklist_entries_raise_a_plain_message(kind, value, message):
    with pytest.raises(ValueError, match=message):
        Blocklist.from_entries([(kind, value)])


def test_blocklist_accepts_ipv6_ranges():
    blocklist = Blocklist.from_entries([("network", "2001:db8::/48")])
    assert blocklist.networks == (ipaddress.ip_network("2001:db8::/48"),)
    facts = Facts(blocklist=blocklist)
    assert "blocked_address" in rules(judge(facts=facts, client_address="2001:db8::"))


def test_same_text_seen_recently_adds_points_growing_with_the_count():
    once = rules(judge(facts=Facts(recent_duplicates=1)))["duplicate_text"]
    often = rules(judge(facts=Facts(recent_duplicates=4)))["duplicate_text"]
    assert often.points > once.points > 0
    assert "4 times" in often.detail


def test_many_recent_submissions_from_one_address_range_add_points():
    assert "address_flood" in rules(judge(facts=Facts(recent_from_address=12)))
    assert "address_flood" not in rules(judge(facts=Facts(recent_from_address=1)))


def test_author_with_approved_items_scores_lower_and_with_spam_higher():
    plain = judge("Check out https://example.org").score
    trusted = judge("Check out https://example.org", facts=Facts(author_approved=3)).score
    known_spammer = judge("Check out https://example.org", facts=Facts(author_spam=2)).score
    assert trusted < plain < known_spammer


def test_earlier_spam_from_the_author_makes_spam():
    assert judge(facts=Facts(author_spam=2)).verdict is Verdict.SPAM


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("self_promotion", "Nice song, please check out my channel"),
        ("seo_offer", "We can get your clinic to the first page of Google with dofollow backlinks"),
        ("seo_offer", "Podemos posicionar su página en el primer lugar de Google"),
        ("off_platform_contact", "Contact our team on WhatsApp to start today"),
        ("pharmacy_offer", "tramadol without prescription, overnight delivery"),
        ("account_phishing", "Click below to verify your account and restore delivery"),
        ("money_offer", "Claim your prize of 2,500 USDT now"),
        ("support_line_advert", "Dial the Norton antivirus support phone number for help"),
        ("support_line_advert", "Book cheap flights with Delta Airlines reservations"),
        ("vendor_offer", "We are a leading manufacturer of TENS units, OEM available"),
        ("vendor_offer", "Clinics save 40% on credit card processing with us"),
    ],
)
def test_spam_trade_phrases_are_named_by_family(rule, text):
    reason = rules(judge(text))[rule]
    assert reason.points > 0
    assert reason.detail.startswith("matched ")


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("self_promotion", "Check my new video, it has a stretching routine"),
        ("self_promotion", "Please share my channel with everyone you know"),
        ("money_offer", "Send 0.1 ETH and receive 1 ETH back instantly"),
    ],
)
def test_narrowed_phrases_still_catch_the_advert(rule, text):
    assert rule in rules(judge(text))


@pytest.mark.parametrize(
    "text",
    [
        "Can you please check my booking? The portal shows two visits on Monday.",
        "The link to the exercise sheet is broken, please share the link again.",
        "My dentist wants to take out two teeth before the surgery.",
        "My son lost money in a crypto scam and cannot sleep, can stress cause back pain?",
    ],
)
def test_a_reader_asking_for_help_is_not_a_trade_phrase(text):
    assert not set(rules(judge(text))) & {"self_promotion", "money_offer"}


def test_asking_to_check_a_booking_or_share_details_is_no_call_to_action():
    for text in ("please check my booking", "could someone share the details"):
        assert not has_call_to_action(Submission("comment", text), text)
    for text in ("check my channel", "like and share", "share this video"):
        assert has_call_to_action(Submission("comment", text), text)


def test_phrase_detail_quotes_only_the_matched_words():
    reason = rules(judge("My grandmother says hello. Contact me on WhatsApp please"))[
        "off_platform_contact"
    ]
    assert "grandmother" not in reason.detail
    assert "whatsapp" in reason.detail


def test_phone_number_in_a_public_comment_is_flagged_but_not_in_an_inquiry():
    text = "Call our toll free line 1-888-203-9661 for printer help"
    assert "phone_number" in rules(judge(text))
    assert "phone_number" not in rules(judge("Please call me back at 555-0187 4412", "inquiry"))


def test_inquiry_from_a_role_mailbox_with_a_website_is_noted():
    result = rules(
        judge(
            CLEAN_INQUIRY, "inquiry", email="sales@vendor.example", website="https://vendor.example"
        )
    )
    assert "role_mailbox" in result
    assert "website_on_inquiry" in result
    assert "role_mailbox" not in rules(judge(CLEAN_INQUIRY, "inquiry", email="ana@gmail.com"))


def test_throwaway_mail_provider_is_noted():
    assert "disposable_email" in rules(judge(email="x@mailinator.com"))


def test_support_line_phrases_leave_a_patient_asking_for_a_phone_number_alone():
    text = "What is your phone number? I need to call about my appointment, I am in pain 24/7."
    assert judge(text, "inquiry").reasons == ()


def test_medical_words_alone_trigger_no_rule():
    text = (
        "Can I get my prescription for oxycodone and gabapentin refilled? What dosage of "
        "lidocaine is in the steroid injection? I worry about opioid side effects."
    )
    assert judge(text, "inquiry").reasons == ()


def test_empty_text_is_judged_without_error():
    assert judge("", "inquiry").verdict is Verdict.HAM


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("support_line_advert", "Fix Gmail error 007 in minutes with our experts"),
        ("support_line_advert", "Epson scanner drivers reinstalled remotely by our team"),
        ("support_line_advert", "Read our guide: how to connect wireless printer to laptop"),
        ("support_line_advert", "Visit mywifiext for extender help"),
        ("seo_offer", "Great post. Python training in Chennai with placement"),
        ("seo_offer", "Thanks for sharing. Sofa cleaning services Dubai"),
        ("vendor_offer", "Busy students can pay us to write my essay overnight"),
        ("vendor_offer", "Get assignment help from experts"),
        ("seo_offer", "Nice blog. Wedding Photos | Party Decoration | Catering Services"),
        ("vendor_offer", "Unlimited free gems with our hack tool"),
        ("vendor_offer", "Windows 11 activator, works 100%"),
        ("vendor_offer", "Office product key generator, download now"),
        ("money_offer", "Instant personal loans with no credit check"),
        ("money_offer", "¿Necesitas dinero urgente? Préstamos rápidos sin buró"),
    ],
)
def test_trades_that_advertise_in_article_comments_are_named(rule, text):
    assert rule in rules(judge(text))


@pytest.mark.parametrize(
    "text",
    [
        "My HP printer cut off the right side of the exercise sheet, is there a PDF?",
        "My HP printer is offline, could you mail me the intake form instead?",
        "I couldn't log in to the portal with my Gmail address, can you help?",
        "My son is doing a course in nursing and loved this article.",
        "The cleaning staff at your clinic were lovely.",
        "I am writing my essay for nursing school about chronic pain, may I quote this?",
        "Hay que separar los ejercicios | estiramientos en dos días, ¿verdad?",
        "We had to hack our schedule to fit in the walks, but it worked!",
        "I took out a personal loan for the surgery and the insurance still hasn't paid.",
        "Does Dr. Lin use the Activator instrument for adjustments?",
        "There was no survey after my visit, so I'm leaving feedback here.",
        "Gracias, el préstamo de la silla de ruedas de la clínica nos ayudó mucho.",
    ],
)
def test_patients_mentioning_those_things_trigger_no_trade_rule(text):
    found = set(rules(judge(text)))
    assert not found & {"support_line_advert", "seo_offer", "vendor_offer", "money_offer"}, found


@pytest.mark.parametrize(
    "text",
    [
        "You can stream every film free at showbox,com",
        "Best deals at topgadgets[dot]com",
        "Visit cheapgear (dot) net today",
        "Find it at gadget-zone[.]com",
    ],
)
def test_a_domain_written_not_to_be_a_link_is_flagged(text):
    reason = rules(judge(text))["spam_domain"]
    assert reason.points > 0
    assert "written not to be a link" in reason.detail


@pytest.mark.parametrize(
    "text",
    [
        "sorry,in a meeting, will comment later",
        "Thanks,comments like yours keep us going",
        "Email me at ana@gmail.com please",
        "The site medlineplus.gov has more",
    ],
)
def test_commas_and_real_addresses_are_no_disguised_link(text):
    assert "spam_domain" not in rules(judge(text))


def test_a_disguised_domain_counts_as_something_to_act_on():
    text = "great app at showbox,com"
    assert has_call_to_action(Submission("comment", text), text, list(judge(text).reasons))


@pytest.mark.parametrize(
    "url",
    [
        "https://medlineplus.gov/ency/patientinstructions/000415.htm",
        "https://www.ninds.nih.gov/health-information/disorders/back-pain",
        "https://www.nhs.uk/conditions/back-pain/",
        "https://www.health.harvard.edu/pain/ice-or-heat",
        "https://en.wikipedia.org/wiki/Sciatica",
    ],
)
def test_a_link_to_a_public_or_medical_reference_is_not_counted(url):
    result = rules(judge(f"This page explains it well: {url}"))
    assert "links" not in result


def test_a_link_to_an_ordinary_site_is_still_counted():
    assert "links" in rules(judge("This page explains it well: https://www.fitgear-deals.com/"))


def test_asking_for_a_link_or_a_file_to_be_shared_is_no_call_to_action():
    for text in (
        "the video link is broken, please share the link",
        "please share your slides",
        "please share that handout",
    ):
        assert not has_call_to_action(Submission("comment", text), text)
    for text in ("please share this with friends", "like and share the video"):
        assert has_call_to_action(Submission("comment", text), text)


def test_a_link_keeps_its_path_and_a_page_is_told_from_a_front_page():
    news, front, referral = find_links(
        "see https://www.news.example/2023/02/back-pain.html?id=4 and www.shop.example/ "
        "and https://deals.example/item?ref=abc12"
    )
    assert (news.domain, news.path) == ("news.example", "/2023/02/back-pain.html?id=4")
    assert is_page_link(news)
    assert front.path == "/" and not is_page_link(front)
    assert referral.path == "/item?ref=abc12" and not is_page_link(referral)


@pytest.mark.parametrize(
    "text",
    [
        "A friend sent me this newspaper piece about the same exercises, I found it useful: "
        "https://www.citypaper.example/2023/02/14/well/back-pain-exercise.html",
        "I built a small timer for my neck exercises and put the source online, in case it "
        "helps someone: https://github.com/someone/neck-timer",
        "Encontré este video del fisioterapeuta que explica cada ejercicio muy despacio: "
        "https://www.youtube.com/watch?v=Ab3dE5fG7hI",
    ],
)
def test_a_readers_sentence_around_one_link_to_a_page_is_a_cited_link(text):
    assert is_cited_link(normalize_for_matching(text))


@pytest.mark.parametrize(
    "text",
    [
        # The front page of a site, not a page in it.
        "I really enjoyed reading your post, it is very informative and useful: "
        "https://www.sofa-deals.example",
        # A referral code pays the poster for each visit.
        "I really enjoyed reading your post, it is very informative and useful: "
        "https://www.sofa-deals.example/sofas?ref=k2j4",
        # Two links.
        "Two good pages on the same topic, both easy to read: https://a.example/one and "
        "https://b.example/two",
        # The link is nearly all there is.
        "great video https://www.youtube.com/watch?v=Ab3dE5fG7hI",
        # Asking the reader to act, in English and in Spanish.
        "I love this article so much, please subscribe to my new cooking channel: "
        "https://www.youtube.com/watch?v=Ab3dE5fG7hI",
        "Gracias por el artículo, visita nuestra tienda de zapatos con grandes descuentos: "
        "https://www.zapatos.example/ofertas/verano",
    ],
)
def test_a_front_page_a_referral_a_bare_link_or_an_ask_is_no_cited_link(text):
    assert not is_cited_link(normalize_for_matching(text))


def test_thanking_for_a_reply_is_no_call_to_action_but_asking_for_one_is():
    for text in ("thanks for your reply, that solved it", "i read the reply above, thanks"):
        assert not has_call_to_action(Submission("comment", text), text)
    text = "reply now to claim your place"
    assert has_call_to_action(Submission("comment", text), text)


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("síguenos en la tienda", "follow us at the shop"),
        ("llámanos hoy", "call us today"),
        ("compra con descuento", "buy with a discount"),
        ("gana dinero desde casa", "earn money from home"),
    ],
)
def test_a_spanish_ask_is_a_call_to_action_as_the_english_one_is(spanish, english):
    for text in (spanish, english):
        normalized = normalize_for_matching(text)
        assert has_call_to_action(Submission("comment", text), normalized), text


@pytest.mark.parametrize(
    "text",
    [
        "Me llamo Rosa y tengo estenosis del canal lumbar, tengo ganas de volver a caminar.",
        "Mi médico me recetó gabapentina y una inyección de esteroides en la espalda.",
    ],
)
def test_a_spanish_patient_naming_herself_or_her_spinal_canal_asks_for_nothing(text):
    assert not has_call_to_action(Submission("comment", text), normalize_for_matching(text))


def test_trade_phrases_are_read_in_the_words_of_a_links_path():
    result = rules(judge("Great article, thanks. https://www.helpdesk.example/sage-50-support/"))
    assert result["support_line_advert"].detail == "matched 'sage 50 support'"
    pharmacy = rules(judge("Nice post https://pills.example/buy-tramadol-online"))
    assert "pharmacy_offer" in pharmacy


def test_contact_words_in_the_path_of_a_news_article_are_no_spam_phrase():
    text = "Our local paper covered this: https://www.citypaper.example/2024/new-help-line-opens"
    assert "off_platform_contact" not in rules(judge(text))


# --- Second generation: families in both languages, identity, the clinic's own sites ---------


def test_a_grieving_reader_asking_others_to_share_the_article_triggers_no_rule():
    text = "My mother died of sepsis last year. Please share this, it could save someone."
    assert judge(text).reasons == ()
    assert judge("Por favor compartan esto, mi madre murió de sepsis.").reasons == ()


@pytest.mark.parametrize(
    ("rule", "english", "spanish"),
    [
        (
            "self_promotion",
            "Check out my channel for more workouts",
            "Mira mi canal para más rutinas, suscríbete",
        ),
        (
            "seo_offer",
            "We build dofollow backlinks to rank on Google",
            "Posicionamiento web y enlaces de calidad para su clínica",
        ),
        (
            "off_platform_contact",
            "Call our support number, or message us on WhatsApp",
            "Llame a nuestra línea de atención o escríbanos por WhatsApp",
        ),
        (
            "support_line_advert",
            "Printer support number available 24/7",
            "Soporte técnico para impresoras HP, expertos 24/7",
        ),
        (
            "clinic_vendor",
            "We sell a verified email list of doctors in your state",
            "Vendemos una base de datos de correos de médicos actualizada",
        ),
        (
            "clinic_vendor",
            "Buy 50 Google reviews for your practice",
            "Comprar reseñas positivas para su clínica, entrega rápida",
        ),
        (
            "pharmacy_offer",
            "Order tramadol online, no prescription, discreet shipping",
            "Compre tramadol en línea sin receta, envío discreto",
        ),
        (
            "account_phishing",
            "Verify your account or it will be suspended",
            "Verifique su cuenta o será suspendida, envíe sus datos bancarios",
        ),
        (
            "money_offer",
            "You are the next of kin to unclaimed funds; claim your prize",
            "Usted ha sido seleccionado, reclame su premio de $5000 sin depósito",
        ),
        (
            "clinic_vendor",
            "Would you like an email list of 40,000 dentists with direct phone numbers?",
            "¿Le interesa un listado de correos de 30.000 médicos de España?",
        ),
        (
            "clinic_vendor",
            "We help physiotherapy clinics double their bookings, book a free demo",
            "Ofrecemos recepcionistas virtuales para su consulta, reserve una demostración",
        ),
        (
            "product_testimonial",
            "My sugar went back to normal with GlucoFix. Search for GlucoFix official website.",
            "Mi azúcar volvió a la normalidad con GlucoFix. Busquen la web oficial.",
        ),
        (
            "product_testimonial",
            "The ringing stopped in 10 days. Click my name to get a free bottle.",
            "El zumbido paró en 10 días. Haz clic en mi nombre para conseguir un bote gratis.",
        ),
        (
            "adult_bait",
            "Hi, I'm 24 and lonely tonight. See my private photos on my profile.",
            "Hola, tengo 24 años y esta noche estoy sola. Mira mis fotos privadas.",
        ),
        (
            "account_phishing",
            "Your clinic's mail account will be closed today. Verify your password now.",
            "La cuenta de correo de su clínica será suspendida en 24 horas. Verifique su "
            "contraseña.",
        ),
        (
            "money_offer",
            "I have a business proposal worth $4.5 million to share with you",
            "Tengo una propuesta por valor de 4,5 millones de dólares para usted",
        ),
        (
            "seo_offer",
            "Your clinic is missing from health directories; I can list you in 50 directories",
            "Su clínica no aparece en directorios de salud; la damos de alta en 50 portales",
        ),
        (
            "clinic_vendor",
            "We supply gloves and dental bibs at 40% below market prices",
            "Suministramos guantes y baberos por debajo del precio de mercado",
        ),
        (
            "money_offer",
            "Earn $500 a day from home like I did, message me to learn how",
            "Gana 500 euros al día trabajando desde casa, escríbeme para saber cómo",
        ),
    ],
)
def test_each_rule_family_fires_in_english_and_in_spanish(rule, english, spanish):
    assert rule in rules(judge(english)), english
    assert rule in rules(judge(spanish)), spanish


@pytest.mark.parametrize(
    "text",
    [
        "Tengo cita el martes 14 a las 10, ¿puedo cambiarla? Mi teléfono es 612 345 678.",
        "La diabetes es herencia de mi padre, ¿debo hacerme análisis cada año?",
        "¿Aceptan el seguro de Sanitas para la fisioterapia?",
        "Gracias por el artículo, se lo voy a pasar a mi madre.",
        "Mi hija tiene fiebre desde ayer, ¿pueden verla hoy?",
    ],
)
def test_spanish_patients_trigger_no_rule(text):
    assert judge(text, "inquiry").reasons == ()


GENERIC_PRAISE = "Great post, very informative. Thanks for sharing!"


def test_a_keyword_stuffed_author_name_holds_generic_praise():
    stuffed = judge(GENERIC_PRAISE, author="Best Dentist Miami Cheap Implants")
    assert "author_name_advert" in rules(stuffed)
    assert stuffed.verdict is not Verdict.HAM
    # The same words from a person's name: nothing to hold.
    assert judge(GENERIC_PRAISE, author="Maria Lopez").verdict is Verdict.HAM
    assert judge(GENERIC_PRAISE, author="Farmacia Central").reasons == ()


@pytest.mark.parametrize(
    ("author", "praise"),
    [
        ("Plumber Houston TX", "Nice post, I really enjoyed reading it. Thanks for sharing."),
        ("Car Accident Lawyer Miami", "Great post. Thanks for sharing such useful information."),
        ("Cerrajero Urgente Madrid", "Muy buen blog, sigan publicando más contenido así."),
        ("Abogados Accidentes Barcelona", "Gran artículo. Gracias por la información tan útil."),
    ],
)
def test_generic_praise_under_a_trade_name_is_the_names_advert(author, praise):
    advert = judge(praise, author=author)
    assert "praise_from_trade_name" in rules(advert)
    assert advert.verdict is Verdict.SPAM
    # The same words under a person's name, or a story under the trade name, are left alone.
    assert judge(praise, author="Maria Lopez").verdict is Verdict.HAM
    story = "My knee swelled after the marathon and the exercises in this article helped."
    assert "praise_from_trade_name" not in rules(judge(story, author=author))
    # In an inquiry a business may write in its own name.
    assert "praise_from_trade_name" not in rules(judge(praise, "inquiry", author=author))


@pytest.mark.parametrize(
    "text",
    [
        "Great article. Dentist in Brooklyn, teeth whitening Brooklyn, dental implants Brooklyn,"
        " best dentist Brooklyn NY.",
        "Muy buen artículo. Fisioterapia en Valencia, mejor fisioterapeuta Valencia, lesiones"
        " deportivas Valencia, masajes Valencia.",
    ],
)
def test_keywords_stuffed_with_a_towns_name_are_search_spam(text):
    assert "keyword_stuffing" in rules(judge(text))


@pytest.mark.parametrize(
    "text",
    [
        "Pain in the morning, stiffness in the evening, swelling at night.",
        "Living is very simple. Loving is also simple. Laughing is too simple.",
        "Me duele la rodilla, me duele la espalda, me duele el cuello.",
        "x = self.a, y = self.b, z = self.c, w = self.d",
    ],
)
def test_a_persons_list_or_code_is_no_keyword_stuffing(text):
    assert "keyword_stuffing" not in rules(judge(text))


@pytest.mark.parametrize(
    "text",
    [
        "Is herbal medicine safe with warfarin? The official NHS website says to ask.",
        "Could you email her the appointment details? She is my mother.",
        "¿Tienen muestra gratis de la crema? ¿La medicina natural cura la diabetes?",
        "My insurance claims were rejected, can you send the invoice again?",
        "¿Necesitan el número de mi tarjeta sanitaria? Mi cuenta del portal ha sido bloqueada.",
        "Mi marido gana 1200 euros, ¿hay descuento para la fisioterapia?",
    ],
)
def test_patients_words_near_the_new_families_trigger_no_rule(text):
    assert judge(text, "inquiry").reasons == ()


def test_joining_words_do_not_lengthen_a_name_into_keywords():
    text = "Taller gratuito el sábado sobre dolor de espalda. Están todos invitados."
    assert judge(text, author="Equipo de la Clínica").reasons == ()
    assert "author_name_advert" in rules(judge(text, author="Clínica Dental Barata Madrid"))


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Check out the video at the end of the article, it helped my knee.", False),
        ("Mira el vídeo del final del artículo, me ayudó con la rodilla.", False),
        ("Check out my channel for more workouts.", True),
        ("Check out this site for cheap braces.", True),
        ("Please, everyone, share this article with your parents. Know the signs.", False),
        ("Share this video and subscribe for more.", True),
    ],
)
def test_pointing_at_the_article_itself_is_no_call_to_action(text, asks):
    assert has_call_to_action(Submission("comment", text), normalize_for_matching(text)) is asks


@pytest.mark.parametrize(
    "text",
    [
        "After 3 weeks of NeuroPure my neuropathy was gone. Visit their site and see.",
        "My blood pressure dropped to normal with BP Zone capsules. Order yours today.",
        "Con Flexa Plus desapareció el dolor en dos semanas. Búsquenlo en internet.",
        "Gracias a las cápsulas Presión Zen mi tensión bajó a lo normal. Pídelas hoy.",
    ],
)
def test_a_cure_story_that_sends_the_reader_to_buy_is_an_advert(text):
    assert "cure_story" in rules(judge(text))


@pytest.mark.parametrize(
    "text",
    [
        # A patient's recovery, and where to find the clinic or a method: no order to buy.
        "My knee pain was completely gone after six sessions with Ana. Book her!",
        "My back pain disappeared with the McKenzie exercises, look them up.",
        "El dolor desapareció con los ejercicios del artículo. Pidan cita con Laura.",
        # An order, and no claim of a cure.
        "The brace arrived quickly; order yours today if the article's advice fits you.",
    ],
)
def test_a_recovery_or_an_order_alone_is_no_cure_story(text):
    assert "cure_story" not in rules(judge(text))


def test_a_commercial_website_holds_generic_praise():
    advert = judge(GENERIC_PRAISE, author="John", website="https://cheap-dental-implants-miami.com")
    assert "website_advert" in rules(advert)
    assert advert.verdict is not Verdict.HAM
    assert judge(GENERIC_PRAISE, author="John").reasons == ()


def test_generic_praise_whose_only_content_is_a_website_waits_for_a_moderator():
    carrier = judge(GENERIC_PRAISE, author="John", website="https://johnwrites.blog")
    assert set(rules(carrier)) == {"empty_praise"}
    assert carrier.verdict is Verdict.UNSURE
    spanish = judge("¡Qué buen artículo, gracias por compartir!", website="https://recetas.example")
    assert set(rules(spanish)) == {"empty_praise"}
    # A reader who says what she did with the article, or asks to link it, has content.
    told = "Great post! I linked it from my blog for the parents in our group."
    assert "empty_praise" not in rules(judge(told, website="https://johnwrites.blog"))
    asks = "Great article, thanks for sharing! May I link to your article from our school page?"
    assert "empty_praise" not in rules(judge(asks, website="https://school.example"))
    # The clinic's own site is not a carrier.
    trusted = Facts(trusted_domains=frozenset({"clinic.example"}))
    own = judge(GENERIC_PRAISE, website="https://clinic.example", facts=trusted)
    assert "empty_praise" not in rules(own)


def test_a_comment_robots_praise_is_judged_in_both_languages():
    robot = (
        "I've been surfing online more than 3 hours today, yet I never found an article like yours."
    )
    assert "empty_praise" in rules(judge(robot))
    assert "empty_praise" in rules(judge("Qué bien explicado, ya os tengo en favoritos 😊"))
    reader = "I bookmarked the CDC page you linked, thank you. My son starts the inhaler today."
    assert "empty_praise" not in rules(judge(reader))


def test_a_partner_pharmacys_domain_is_not_a_spam_domain():
    text = "Your prescriptions are ready for pickup, see https://www.centralpharmacy.com/hours"
    assert "spam_domain" not in rules(judge(text, "inquiry"))
    assert "spam_domain" in rules(judge("Cheap meds at https://pharmaoutlet.com"))


def test_a_link_to_the_clinics_own_sites_adds_nothing():
    trusted = Facts(trusted_domains=frozenset({"portal.clinic.example", "clinic.example"}))
    text = "I booked through https://portal.clinic.example/appointments as your page said."
    assert judge(text, facts=trusted).reasons == ()
    assert "links" in rules(judge(text))


def test_a_shared_network_alone_holds_at_most_never_files_as_spam():
    for count in (3, 10, 50):
        flooded = judge(facts=Facts(recent_from_address=count))
        assert "address_flood" in rules(flooded)
        assert flooded.verdict is not Verdict.SPAM, count
    # Beside real evidence it still counts in full.
    advert = judge("Cheap pills at https://pills.example", facts=Facts(recent_from_address=10))
    assert rules(advert)["address_flood"].points == 4.0
    assert advert.verdict is Verdict.SPAM


def test_a_clean_comment_citing_one_leaflet_is_not_held():
    text = (
        "The leaflet from the pain society explains pacing really well, I printed it "
        "for my husband: https://painsociety.example/leaflets/pacing.pdf"
    )
    result = judge(text)
    assert "links" in rules(result)
    assert result.verdict is Verdict.HAM


# --- Channel promotion without a link: asks for likes, thumbs up and subscribers -------------


@pytest.mark.parametrize(
    ("rule", "english", "spanish"),
    [
        (
            "engagement_bait",
            "Like this comment if you're watching in 2015",
            "Dale like a este comentario si estás viendo esto en 2015",
        ),
        (
            "engagement_bait",
            "Thumbs up if you came here from the radio",
            "Pulgar arriba si llegaste aquí por la radio",
        ),
        (
            "engagement_bait",
            "My uncle will stop smoking if this comment gets 500 likes!",
            "Mi tío deja de fumar si este comentario llega a 500 me gusta",
        ),
        (
            "engagement_bait",
            "Share this video. This song can beat anything on the charts!",
            "Comparte este video, esta canción merece más visitas",
        ),
        (
            "self_promotion",
            "Great song! Don't forget to subscribe, I post covers every week",
            "¡Gran canción! No olvides suscribirte, subo versiones cada semana",
        ),
        (
            "self_promotion",
            "If I get 100 subscribers I will post a new cover every day",
            "Si llego a 100 suscriptores subiré una versión nueva cada día",
        ),
        (
            "self_promotion",
            "Please just take 1 second and watch it, thanks",
            "Escucha mi nueva canción, te va a gustar",
        ),
    ],
)
def test_channel_promotion_without_a_link_is_named_in_english_and_in_spanish(
    rule, english, spanish
):
    assert rule in rules(judge(english)), english
    assert rule in rules(judge(spanish)), spanish


@pytest.mark.parametrize(
    "text",
    [
        "Sucscribe to me!",
        "i love this shake it song, like watch subscribe",
        "Can i get views and subscribers for no reason?",
        "Check out the new song by my band, we play on Friday",
    ],
)
def test_misspelt_or_run_together_asks_for_subscribers_are_self_promotion(text):
    assert "self_promotion" in rules(judge(text))


@pytest.mark.parametrize(
    "text",
    [
        "I subscribed to your newsletter last month and it is very useful.",
        "I will share this video with my mother, she has the same knee pain.",
        "Like the previous commenter said, the exercises helped my shoulder.",
        "Check out the video at the end of the article, it helped my knee.",
        "Thumbs up to the nurses at the front desk, they were lovely.",
        "How many people like me get headaches after the injection?",
        "Me suscribí a su boletín el mes pasado y me resulta muy útil.",
        "Voy a compartir este video con mi madre, tiene el mismo dolor de rodilla.",
        "Como dijo el comentario anterior, los ejercicios me ayudaron con el hombro.",
        "Vean el video al final del artículo, me ayudó con la rodilla.",
        "Me gusta si el artículo trae ejemplos, como este.",
    ],
)
def test_a_clinic_reader_near_the_channel_promotion_phrases_triggers_no_rule(text):
    assert judge(text).reasons == ()


def test_a_link_with_a_referral_code_counts_more_than_a_plain_link():
    plain = rules(judge("this is the song http://songs.example/track/12"))["links"]
    referral = rules(judge("this is the song http://songs.example/?ref=2tGgp3pV6L"))["links"]
    assert referral.points > plain.points
    assert "referral code" in referral.detail
    assert "referral code" not in plain.detail
