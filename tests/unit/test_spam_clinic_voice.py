"""The clinic's own voice: staff writing as the clinic, with its website or mailbox, are held
at most, never filed as spam by the model; whatever the text itself says still counts."""

import pytest

from service.spam import Facts, Submission, Verdict, assess, train_model
from service.spam.corpus import LabelledRow
from service.spam.evaluation import evaluate
from service.spam.pipeline import DEFAULT_THRESHOLDS

KINDS = ("comment", "inquiry")

CLINIC = frozenset({"clearskinderm.com"})
AT_THE_CLINIC = Facts(trusted_domains=CLINIC)
ANNOUNCEMENT = (
    "Reminder: free flu shot clinic this Saturday from 9 to 1, no appointment needed. "
    "Questions? Call (555) 010-0166 or book at https://portal.clearskinderm.com/flu"
)
ANUNCIO = (
    "Recordatorio: vacuna gratis contra la gripe este sábado de 9 a 13, sin cita. ¿Dudas? "
    "Llame al (555) 010-0166 o reserve en https://citaprevia.clearskinderm.com/gripe"
)


INFO_REPLY = (
    "Hi Ann, results usually show up within 48 hours at "
    "https://portal.clearskinderm.com/results. Call us if they do not."
)


@pytest.fixture(scope="module")
def starter():
    """A model taught by adverts: it has learnt, again and again, that notices like the clinic's
    are spam (the shipped starter model has since learnt better from clinic messages)."""
    taught = [ANNOUNCEMENT, ANUNCIO, INFO_REPLY, "Book your appointment this week, call now"]
    spam = [LabelledRow(Submission(kind, text), True) for text in taught for kind in KINDS]
    ham = [LabelledRow(Submission(kind, "hello there, see you soon"), False) for kind in KINDS]
    return train_model(spam * 15 + ham * 60)


def points(assessment) -> dict[str, float]:
    return {reason.rule: reason.points for reason in assessment.reasons}


def from_the_clinic(
    text: str, kind: str = "comment", author: str = "Clear Skin Dermatology", **sender
) -> Submission:
    sender = sender or {"website": "https://clearskinderm.com"}
    return Submission(kind, text, author=author, **sender)


def test_a_clinic_announcement_with_free_a_phone_and_its_portal_is_not_spam(starter):
    genuine = assess(from_the_clinic(ANNOUNCEMENT), AT_THE_CLINIC, starter)
    stranger = assess(
        from_the_clinic(ANNOUNCEMENT, email="events@mailhost.example"), AT_THE_CLINIC, starter
    )
    assert genuine.verdict is Verdict.HAM
    assert stranger.verdict is Verdict.UNSURE
    assert stranger.score > genuine.score
    assert points(genuine)["clinic_voice"] == 0.0
    assert "phone_number" not in points(genuine)
    assert points(stranger)["phone_number"] > 0


def test_the_model_alone_cannot_hold_the_clinics_own_announcement(starter):
    genuine = assess(from_the_clinic(ANNOUNCEMENT), AT_THE_CLINIC, starter)
    unsure_at = DEFAULT_THRESHOLDS.for_kind("comment")[0]
    assert points(genuine)["learned_model"] == round(unsure_at - 0.01, 2)
    assert genuine.verdict is Verdict.HAM


def test_beside_a_link_to_another_host_the_model_holds_the_clinic_at_most_as_unsure(starter):
    text = ANNOUNCEMENT + " Our partner's page: https://example-partner-shop.com/flu-offer"
    held = assess(from_the_clinic(text), AT_THE_CLINIC, starter)
    spam_at = DEFAULT_THRESHOLDS.for_kind("comment")[1]
    assert points(held)["links"] > 0
    assert held.score == round(spam_at - 0.01, 2)
    assert held.verdict is Verdict.UNSURE


def test_without_clinic_domains_the_clinics_address_is_anyones(starter):
    unconfigured = assess(from_the_clinic(ANNOUNCEMENT), Facts(), starter)
    assert "clinic_voice" not in points(unconfigured)
    assert unconfigured.verdict is Verdict.UNSURE


def test_a_spanish_announcement_from_the_clinics_mailbox_is_not_spam(starter):
    anuncio = from_the_clinic(
        ANUNCIO, author="Clínica Dermatológica Clear Skin", email="recepcion@clearskinderm.com"
    )
    genuine = assess(anuncio, AT_THE_CLINIC, starter)
    stranger = assess(anuncio, Facts(), starter)
    assert genuine.verdict is Verdict.HAM
    assert stranger.verdict is Verdict.UNSURE
    assert genuine.score < stranger.score
    # A clinic is named for what it does: "Clínica" is no advert in either case.
    assert "author_name_advert" not in points(genuine)
    assert "author_name_advert" not in points(stranger)


def test_an_inquiry_from_the_clinics_info_mailbox_is_not_spam(starter):
    inquiry = from_the_clinic(INFO_REPLY, "inquiry", email="info@mail.clearskinderm.com")
    genuine = assess(inquiry, AT_THE_CLINIC, starter)
    assert genuine.verdict is not Verdict.SPAM
    assert "role_mailbox" not in points(genuine)
    # Unconfigured, the clinic's mailbox earns no trust; but a provider answering someone by
    # name is held for a moderator, neither published nor filed (pipeline._cap_known_voice).
    stranger = assess(inquiry, Facts(), starter)
    assert "role_mailbox" in points(stranger)
    assert stranger.verdict is Verdict.UNSURE


def test_an_impostor_with_the_clinics_website_still_gets_the_pitch_rules_points(starter):
    pitch = (
        "Great article! We offer SEO services to rank your clinic on the first page of Google. "
        "Visit https://clearskinderm.com"
    )
    impostor = assess(from_the_clinic(pitch), AT_THE_CLINIC, starter)
    assert "clinic_voice" in points(impostor)
    assert points(impostor)["seo_offer"] > 0
    assert impostor.verdict is Verdict.SPAM


def test_an_impostor_linking_to_another_business_still_gets_the_links_points(starter):
    advert = "Book your appointment at https://glowbeauty-spa.com/book this week."
    impostor = assess(from_the_clinic(advert), AT_THE_CLINIC, starter)
    assert points(impostor)["links"] == 1.0
    assert impostor.verdict is not Verdict.HAM


def test_the_model_may_not_file_the_clinic_as_spam_however_sure_it_is():
    text = "zebra quartz lantern marmalade"
    model = train_model(
        [LabelledRow(Submission("comment", text), True)] * 20
        + [LabelledRow(Submission("comment", "hello there"), False)] * 20
    )
    assert assess(Submission("comment", text), AT_THE_CLINIC, model).verdict is Verdict.SPAM
    clinic = assess(from_the_clinic(text), AT_THE_CLINIC, model)
    assert clinic.verdict is Verdict.HAM
    linked = assess(from_the_clinic(text + " https://example-shop.com/x"), AT_THE_CLINIC, model)
    assert linked.verdict is Verdict.UNSURE


@pytest.mark.parametrize(
    ("request_facts", "rule"),
    [
        (Facts(trusted_domains=CLINIC, author_spam=1), "author_spam_before"),
        (Facts(trusted_domains=CLINIC, recent_duplicates=2), "duplicate_text"),
    ],
)
def test_reputation_and_repeats_count_in_full_for_the_clinics_address(request_facts, rule):
    result = assess(from_the_clinic("Update: we moved!"), request_facts, None)
    assert points(result)[rule] >= 3.0
    assert result.verdict is Verdict.SPAM


def test_the_honeypot_counts_in_full_for_the_clinics_address():
    bot = Submission(
        "comment", "Update: we moved!", website="https://clearskinderm.com", honeypot="x"
    )
    assert assess(bot, AT_THE_CLINIC, None).verdict is Verdict.SPAM


def test_a_name_that_advertises_another_host_still_counts():
    name = Submission(
        "comment",
        "Update: we moved!",
        author="cheap-botox-deals.com",
        website="https://clearskinderm.com",
    )
    assert points(assess(name, AT_THE_CLINIC, None))["author_name_advert"] == 2.0


@pytest.mark.parametrize(
    ("website", "named"),
    [("https://www.clearskinderm.com/contact", False), ("https://skin-partners.example", True)],
)
def test_an_inquiry_naming_the_clinics_own_website_names_no_website(website, named):
    inquiry = Submission("inquiry", "Our opening hours change next week.", website=website)
    assert ("website_on_inquiry" in points(assess(inquiry, AT_THE_CLINIC, None))) is named


@pytest.mark.parametrize(
    "website",
    ["https://clearskinderm.com.offers.example", "https://notclearskinderm.com", ""],
)
def test_only_the_clinics_hosts_and_those_below_them_speak_for_it(website):
    lookalike = Submission("comment", "Update: we moved!", website=website)
    result = assess(lookalike, AT_THE_CLINIC, None)
    assert "clinic_voice" not in points(result)


def test_evaluate_scores_with_the_clinics_hosts_it_is_given(starter):
    rows = [LabelledRow(from_the_clinic(ANNOUNCEMENT), False)]
    # Unconfigured, the notice about care is held for a moderator; with the clinic's hosts it
    # goes straight through.
    assert evaluate(rows, starter)["unsure"] == 1
    assert evaluate(rows, starter, trusted_domains=CLINIC)["unsure"] == 0
    assert evaluate(rows, starter, trusted_domains=CLINIC)["fp"] == 0
