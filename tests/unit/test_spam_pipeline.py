import time

import pytest

from service.spam import (
    DEFAULT_THRESHOLDS,
    Facts,
    FormTokenState,
    LearnedModel,
    Reason,
    Submission,
    Thresholds,
    Verdict,
    assess,
    explain_tokens,
    features,
    features_for_lesson,
    thresholds_from_settings,
    train_model,
    train_starter_model,
)
from service.spam.checks import has_call_to_action
from service.spam.corpus import bundled_paths, load_csv
from service.spam.pipeline import UNCARRIED_DISCOUNT, UNCARRIED_MAX_POINTS
from service.spam.starter import starter_bytes


@pytest.fixture(scope="module")
def clinic_model():
    return train_model(load_csv(bundled_paths()[2]))


def test_score_is_the_sum_of_the_reasons_points():
    result = assess(
        Submission("comment", "see https://bit.ly/abc", form_token=FormTokenState.MISSING),
        Facts(recent_duplicates=1),
        None,
    )
    assert result.score == round(sum(reason.points for reason in result.reasons), 2)
    assert {"form_token_missing", "links", "link_shortener", "duplicate_text"} <= {
        reason.rule for reason in result.reasons
    }


def test_learned_model_adds_its_points_as_a_reason(clinic_model):
    text = "We will submit your clinic to citation sites and boost your Google Maps ranking."
    result = assess(Submission("inquiry", text), Facts(), clinic_model)
    learned = [reason for reason in result.reasons if reason.rule == "learned_model"]
    assert len(learned) == 1
    assert learned[0].points > 0
    assert "spam probability" in learned[0].detail
    assert "citation" not in learned[0].detail


def test_polite_seo_offer_from_a_vendor_domain_is_spam(clinic_model):
    result = assess(
        Submission(
            "inquiry",
            "Hi, I noticed your clinic's website is not on the first page of Google. Our SEO "
            "team can fix that this month. Shall I send a proposal?",
            author="Dana",
            email="dana@growthpixel.example",
        ),
        Facts(),
        clinic_model,
    )
    assert result.verdict is Verdict.SPAM


def test_patient_asking_about_medication_is_ham(clinic_model):
    result = assess(
        Submission(
            "inquiry",
            "My doctor prescribed gabapentin and oxycodone after the steroid injection. What "
            "dosage is safe with my lidocaine patches?",
            email="maria.lopez@gmail.com",
        ),
        Facts(),
        clinic_model,
    )
    assert result.verdict is Verdict.HAM


def test_spanish_patient_inquiry_is_ham(clinic_model):
    result = assess(
        Submission(
            "inquiry",
            "Hola, mi mamá tiene dolor de espalda y quisiera una cita con el doctor para una "
            "inyección. ¿Aceptan su seguro? Gracias.",
            email="carmen.ruiz@hotmail.com",
        ),
        Facts(),
        clinic_model,
    )
    assert result.verdict is Verdict.HAM


def test_one_megabyte_of_text_is_judged_quickly(clinic_model):
    text = ("Buy cheap meds at https://example.com now! " * 30_000)[:1_000_000]
    start = time.perf_counter()
    result = assess(Submission("comment", text), Facts(), clinic_model)
    assert time.perf_counter() - start < 2.0
    assert result.verdict is Verdict.SPAM
    assert all(len(reason.detail) < 200 for reason in result.reasons)


def test_empty_and_whitespace_text_are_judged_with_a_model(clinic_model):
    for text in ("", "   \n\t"):
        assert assess(Submission("inquiry", text), Facts(), clinic_model).verdict is Verdict.HAM
    assert features(Submission("inquiry", "")) == []


def test_thresholds_are_per_kind():
    thresholds = Thresholds(3.0, 5.0, per_kind={"inquiry": (1.0, 2.0)})
    assert thresholds.verdict("inquiry", 2.0) is Verdict.SPAM
    assert thresholds.verdict("comment", 2.0) is Verdict.HAM
    assert thresholds.verdict("comment", 3.0) is Verdict.UNSURE


def test_unsure_threshold_above_spam_threshold_is_refused():
    with pytest.raises(ValueError, match="above its spam threshold"):
        Thresholds(5.0, 3.0)


def test_settings_replace_the_measured_thresholds_for_every_kind():
    assert thresholds_from_settings(None, None) == DEFAULT_THRESHOLDS
    custom = thresholds_from_settings(2.0, 9.0)
    for kind in ("comment", "inquiry", "message", "other"):
        assert custom.for_kind(kind) == (2.0, 9.0)
    only_spam = thresholds_from_settings(None, 8.0)
    assert only_spam.for_kind("comment") == (DEFAULT_THRESHOLDS.for_kind("comment")[0], 8.0)


def test_reasons_are_frozen():
    reason = Reason("links", 1.0, "1 link")
    with pytest.raises(AttributeError):
        reason.points = 0  # type: ignore[misc]


def test_explain_names_the_heaviest_tokens(clinic_model):
    tokens = explain_tokens(
        Submission("comment", "buy tramadol online with bitcoin, no prescription"), clinic_model
    )
    assert tokens
    assert all(isinstance(token, str) and isinstance(weight, float) for token, weight in tokens)
    weights = [abs(weight) for _, weight in tokens]
    assert weights == sorted(weights, reverse=True)


def test_the_model_alone_cannot_hold_a_text_with_nothing_to_sell():
    """Without a link, an address, a number, a spam phrase or a call-to-action word, the
    model's points are halved and capped below the unsure threshold."""
    model = LearnedModel.empty()
    for i in range(20):
        text = "thank you for the article"
        model.learn(features_for_lesson(Submission("comment", text)), i % 2 == 0)
        model.learn(features_for_lesson(Submission("comment", f"nice song lol {i}")), False)
    polite = Submission("comment", "Thank you for the article")
    raw = model.log_odds(features(polite), "comment")
    assert UNCARRIED_MAX_POINTS < raw < UNCARRIED_MAX_POINTS + UNCARRIED_DISCOUNT
    result = assess(polite, Facts(), model)
    learned = {reason.rule: reason for reason in result.reasons}["learned_model"]
    assert learned.points == UNCARRIED_MAX_POINTS < DEFAULT_THRESHOLDS.for_kind("comment")[0]
    assert result.verdict is Verdict.HAM
    selling = Submission("comment", "Thank you for the article, visit my page")
    assert has_call_to_action(selling, "thank you for the article, visit my page")
    assert not has_call_to_action(polite, "thank you for the article")
    selling_points = {r.rule: r for r in assess(selling, Facts(), model).reasons}
    assert selling_points["learned_model"].points > UNCARRIED_MAX_POINTS


def test_a_text_moderators_marked_spam_again_and_again_is_held_without_a_call_to_action():
    model = LearnedModel.empty()
    for i in range(15):
        model.learn(features_for_lesson(Submission("comment", "zebra quartz lantern")), True)
        model.learn(features_for_lesson(Submission("comment", f"nice song lol {i}")), False)
    result = assess(Submission("comment", "zebra quartz lantern"), Facts(), model)
    assert result.verdict is not Verdict.HAM


def test_youtube_thanks_do_not_hold_a_polite_clinic_comment_with_the_starter_model():
    model = train_starter_model()
    for email in ("", "maria@smith-family.example"):
        result = assess(
            Submission("comment", "Thank you for the article about posture.", email=email),
            Facts(),
            model,
        )
        assert result.verdict is Verdict.HAM


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the article.",
        "Thank you, very helpful.",
        "The stretches from the article helped my neck, thank you.",
        "Gracias por explicar tan bien el tratamiento.",
    ],
)
def test_a_missing_form_token_never_holds_a_clean_comment_by_itself(text):
    from service.spam.starter import starter_bytes

    model = LearnedModel.from_bytes(starter_bytes())
    without = assess(
        Submission(kind="comment", text=text, form_token=FormTokenState.MISSING), Facts(), model
    )
    assert without.verdict is Verdict.HAM
    assert any(r.rule == "form_token_missing" for r in without.reasons)


def test_a_missing_form_token_still_adds_its_points_to_a_doubtful_submission():
    doubtful = Submission(
        kind="comment",
        text="Nice post, visit https://bit.ly/deal for more",
        form_token=FormTokenState.MISSING,
    )
    reasons = {r.rule: r.points for r in assess(doubtful, Facts(), None).reasons}
    assert reasons["form_token_missing"] == 0.5


class FixedOddsModel(LearnedModel):
    """A trained model whose judgement of every text is the same log-odds."""

    def __init__(self, odds: float) -> None:
        super().__init__()
        self.bayes.spam_docs = self.bayes.ham_docs = 1
        self.odds = odds

    def log_odds_parts(self, features, kind=None) -> tuple[float, float]:
        return self.odds, 0.0


CITING_READER = (
    "A friend sent me this newspaper piece about the same exercises, I found it useful: "
    "https://www.citypaper.example/2023/02/14/well/back-pain-exercise.html"
)


@pytest.mark.parametrize("kind", ["comment", "inquiry"])
def test_one_cited_link_beside_a_model_below_the_unsure_threshold_goes_live(kind):
    unsure_at = DEFAULT_THRESHOLDS.for_kind(kind)[0]
    result = assess(Submission(kind, CITING_READER), Facts(), FixedOddsModel(unsure_at - 0.5))
    assert result.verdict is Verdict.HAM
    points = {reason.rule: reason for reason in result.reasons}
    assert points["links"].points == pytest.approx(0.49)
    assert points["links"].detail == "1 link (citypaper.example)"
    assert result.score == round(unsure_at - 0.01, 2)


@pytest.mark.parametrize("kind", ["comment", "inquiry"])
def test_one_cited_link_and_a_model_that_alone_holds_a_reader_keep_it_unsure(kind):
    unsure_at, spam_at = DEFAULT_THRESHOLDS.for_kind(kind)
    odds = (unsure_at + spam_at) / 2
    result = assess(Submission(kind, CITING_READER), Facts(), FixedOddsModel(odds))
    assert result.verdict is Verdict.UNSURE
    assert result.score == round(spam_at - 0.01, 2)


def test_a_cited_link_and_a_missing_form_token_together_do_not_hold_a_reader():
    submission = Submission("comment", CITING_READER, form_token=FormTokenState.MISSING)
    result = assess(submission, Facts(), FixedOddsModel(1.0))
    assert result.verdict is Verdict.HAM
    assert result.score == round(sum(reason.points for reason in result.reasons), 2)


def test_a_cited_link_counts_in_full_beside_another_rules_evidence():
    text = CITING_READER + " Call me on 555 0134 5678 for more."
    result = assess(Submission("comment", text), Facts(), FixedOddsModel(0.5))
    points = {reason.rule: reason.points for reason in result.reasons}
    assert points["links"] == 1.0
    assert result.verdict is Verdict.SPAM


def test_a_model_sure_of_spam_by_itself_is_not_softened_by_a_cited_link():
    result = assess(Submission("comment", CITING_READER), Facts(), FixedOddsModel(2.0))
    assert {r.rule: r.points for r in result.reasons}["links"] == 1.0
    assert result.verdict is Verdict.SPAM


@pytest.mark.parametrize(
    "text",
    [
        "I really enjoyed your post, it is very informative and so useful for everyone: "
        "https://www.sofa-deals.example",
        "I really enjoyed your post, it is very informative, visit my page for more: "
        "https://www.sofa-deals.example/best-sofas",
    ],
)
def test_a_front_page_link_or_an_ask_beside_the_link_still_makes_spam(text):
    result = assess(Submission("comment", text), Facts(), FixedOddsModel(1.0))
    assert result.verdict is Verdict.SPAM


def test_a_text_message_with_a_link_keeps_its_own_scale():
    spam_at = DEFAULT_THRESHOLDS.for_kind("message")[1]
    result = assess(Submission("message", CITING_READER), Facts(), FixedOddsModel(spam_at - 0.5))
    assert result.verdict is Verdict.SPAM


@pytest.mark.parametrize(
    "text",
    [
        "My physical therapist showed me this video, the second exercise is the one from your "
        "article: https://www.youtube.com/watch?v=Ab3dE5fG7hI",
        "I built a small timer for my neck exercises and put the source online, in case it "
        "helps someone: https://github.com/someone/neck-timer",
        "The New York Times had a long piece on this recently, very good read: "
        "https://www.nytimes.com/2024/01/10/well/live/back-pain-treatment.html",
        "Hola, encontré un video corto con los mismos estiramientos, me ayudó mucho con la "
        "ciática: https://www.youtube.com/watch?v=Ab3dE5fG7hI",
        "Este artículo del periódico de mi ciudad habla del mismo tratamiento, por si le sirve "
        "a alguien: https://www.diariolocal.example/salud/2024/05/dolor-de-espalda",
    ],
)
def test_readers_citing_a_video_code_or_a_news_article_are_never_spam(text):
    result = assess(Submission("comment", text), Facts(), LearnedModel.from_bytes(starter_bytes()))
    assert result.verdict is not Verdict.SPAM


def test_a_busy_site_holds_a_clean_submission_as_unsure_with_a_reason():
    clean = Submission("comment", "Thank you, the stretches helped my shoulder a lot.")
    calm = assess(clean, Facts(), None)
    busy = assess(clean, Facts(site_busy=True), None)
    assert calm.verdict is Verdict.HAM
    assert busy.verdict is Verdict.UNSURE
    assert busy.score == calm.score
    assert (
        Reason(
            "site_busy",
            0.0,
            "more submissions site-wide than the ceiling allows; held for a moderator",
        )
        in busy.reasons
    )


def test_a_busy_site_leaves_spam_in_the_spam_folder():
    spam = Submission("comment", "Cheap viagra online, no prescription: https://bit.ly/pills")
    assert assess(spam, Facts(site_busy=True), None).verdict is Verdict.SPAM


def _model_only(
    kind: str, points: float, *others: Reason, documents: int = 5000
) -> dict[str, float]:
    from service.spam.pipeline import _cap_model_only

    reasons = [*others, Reason("learned_model", points, "spam probability")]
    spam_at = DEFAULT_THRESHOLDS.for_kind(kind)[1]
    capped = _cap_model_only(Submission(kind, "text"), reasons, spam_at, documents)
    return {r.rule: r.points for r in capped}


def test_the_model_alone_holds_an_inquiry_but_files_it_as_spam_only_when_very_sure():
    from service.spam.pipeline import MODEL_ONLY_SPAM_POINTS

    unsure_at, spam_at = DEFAULT_THRESHOLDS.for_kind("inquiry")
    doubtful = _model_only("inquiry", spam_at + 0.5)
    assert unsure_at <= doubtful["learned_model"] < spam_at
    # A website on the form is no rule's evidence of spam by itself either.
    with_site = _model_only(
        "inquiry", spam_at + 0.5, Reason("website_on_inquiry", 1.0, "an inquiry naming a website")
    )
    assert sum(with_site.values()) < spam_at
    assert _model_only("inquiry", MODEL_ONLY_SPAM_POINTS)["learned_model"] == MODEL_ONLY_SPAM_POINTS
    # Beside a rule's evidence, and on comments, the model counts in full.
    beside = _model_only("inquiry", spam_at + 0.5, Reason("clinic_vendor", 2.0, "matched"))
    assert beside["learned_model"] == spam_at + 0.5
    assert _model_only("comment", 2.5)["learned_model"] == 2.5


def test_a_model_that_has_read_few_inquiries_needs_to_be_surer_to_file_one_alone():
    from service.spam.pipeline import MODEL_ONLY_SPAM_POINTS, model_only_spam_points

    assert model_only_spam_points(1000) == model_only_spam_points(20000) == MODEL_ONLY_SPAM_POINTS
    assert model_only_spam_points(250) == 2 * MODEL_ONLY_SPAM_POINTS
    _, spam_at = DEFAULT_THRESHOLDS.for_kind("inquiry")
    # Trained on text messages and video comments with 60 inquiries among them, the model's
    # 5 points hold an inquiry for a moderator; after 1,000 inquiries they file it as spam.
    assert sum(_model_only("inquiry", 5.0, documents=60).values()) < spam_at
    assert _model_only("inquiry", 5.0, documents=1000)["learned_model"] == 5.0


def test_a_model_that_has_read_few_inquiries_does_not_hold_one_alone():
    from service.spam.pipeline import model_only_weight

    unsure_at, _ = DEFAULT_THRESHOLDS.for_kind("inquiry")
    assert model_only_weight(0) == 0.0
    assert model_only_weight(250) == 0.5
    assert model_only_weight(1000) == model_only_weight(20000) == 1.0
    # 60 inquiries read (the shared data's clinic examples): even its full 6 points leave a
    # genuine-looking inquiry with the moderator's ordinary mail, not held.
    assert _model_only("inquiry", 6.0, documents=60)["learned_model"] < unsure_at
    # 250 read: half its points, so a sure model still holds one.
    assert _model_only("inquiry", 4.0, documents=250)["learned_model"] == 2.0 - 0.01
    # Beside a rule's evidence the model counts in full, however little it has read.
    beside = _model_only("inquiry", 4.0, Reason("clinic_vendor", 2.0, "matched"), documents=60)
    assert beside["learned_model"] == 4.0


def test_the_starter_model_has_read_enough_inquiries_to_file_one_alone():
    from service.spam.model import LearnedModel
    from service.spam.pipeline import MODEL_ONLY_WELL_READ
    from service.spam.starter import starter_bytes

    starter = LearnedModel.from_bytes(starter_bytes())
    assert starter.documents_of_kind("inquiry") >= MODEL_ONLY_WELL_READ


@pytest.mark.parametrize(
    ("pitch", "question"),
    [
        (
            "We provide virtual receptionists for clinics. Would you be interested in a free demo?",
            "How much does a first physiotherapy session cost, and do you take my insurance?",
        ),
        (
            "Ofrecemos recepcionistas virtuales para clínicas. ¿Le interesa una demostración?",
            "¿Cuánto cuesta la primera sesión de fisioterapia y aceptan mi seguro?",
        ),
        (
            "Send your bank account number and a copy of your ID to receive the funds.",
            "Can I pay the invoice for my last appointment by bank transfer?",
        ),
        (
            "Envíe el número de su cuenta bancaria y copia de su DNI para recibir los fondos.",
            "¿Puedo pagar la factura de la última consulta por transferencia?",
        ),
    ],
)
def test_a_sales_pitch_without_a_link_lets_the_model_count_and_a_patient_question_does_not(
    pitch, question
):
    from service.spam.normalize import normalize_for_matching

    for text, expected in ((pitch, True), (question, False)):
        normalized = normalize_for_matching(text)
        assert has_call_to_action(Submission("inquiry", text), normalized, []) is expected


def test_the_model_cannot_cancel_a_sales_pitch_rule():
    from service.spam.pipeline import MODEL_FLOOR_BESIDE_PITCH, _floor_model_beside_pitch

    def floored(*reasons: Reason) -> dict[str, float]:
        return {r.rule: r.points for r in _floor_model_beside_pitch(list(reasons))}

    pitch = Reason("clinic_vendor", 2.0, "matched 'reviews'")
    sure_of_ham = Reason("learned_model", -3.0, "spam probability 0.05")
    assert floored(pitch, sure_of_ham)["learned_model"] == MODEL_FLOOR_BESIDE_PITCH["comment"]
    message = _floor_model_beside_pitch([pitch, sure_of_ham], "message")
    assert message[1].points == MODEL_FLOOR_BESIDE_PITCH["message"] < 0
    # Without a pitch rule, or beside only network and link evidence, the model counts in full.
    assert floored(sure_of_ham)["learned_model"] == -3.0
    assert floored(Reason("links", 1.0, "1 link"), sure_of_ham)["learned_model"] == -3.0
    # A model that agrees with the rule is not touched.
    assert floored(pitch, Reason("learned_model", 1.5, "p"))["learned_model"] == 1.5


@pytest.mark.parametrize(
    "text",
    [
        "Great article! We sell 5-star Google reviews for clinics that look completely real. "
        "Packages from $79, message me privately.",
        "¡Gran artículo! Escribimos y publicamos reseñas de 5 estrellas en Google para clínicas "
        "que parecen auténticas. Paquetes desde 79 euros, escríbame por privado.",
    ],
)
def test_a_review_seller_in_a_readers_tone_is_spam_even_when_the_model_reads_it_as_ham(text):
    ham_minded = LearnedModel.empty()
    for words in (text, "thank you so much for this article", "gracias por el artículo"):
        ham_minded.learn(features_for_lesson(Submission("comment", words)), is_spam=False)
    ham_minded.learn(features_for_lesson(Submission("comment", "win cash now")), is_spam=True)
    result = assess(Submission("comment", text), Facts(), ham_minded)
    reasons = {r.rule: r.points for r in result.reasons}
    assert reasons["clinic_vendor"] > 0
    assert reasons["learned_model"] >= 0.0
    assert result.verdict is Verdict.SPAM


def test_positive_points_are_cut_in_order_to_stay_just_below_a_ceiling():
    from service.spam.pipeline import _rule_points_below

    reasons = [
        Reason("links", 1.5, "a link"),
        Reason("clinic_voice", -0.5, "the clinic's address"),
        Reason("learned_model", 2.0, "spam probability"),
    ]
    capped = {r.rule: r.points for r in _rule_points_below(reasons, 2.0)}
    # Negative points count in full: the room is 2.0 - 0.01 + 0.5, taken first come first served.
    assert capped == {"links": 1.5, "clinic_voice": -0.5, "learned_model": 0.99}
    assert round(sum(capped.values()), 2) == 1.99
    # Under the ceiling already, nothing changes.
    assert _rule_points_below(reasons[:2], 5.0) == reasons[:2]


def test_a_model_that_has_read_few_inquiries_does_not_hold_one_beside_a_website_either():
    from service.spam.pipeline import _cap_model_only

    unsure_at, spam_at = DEFAULT_THRESHOLDS.for_kind("inquiry")
    site = Reason("website_on_inquiry", 1.0, "an inquiry naming a website")

    def total(points: float, documents: int) -> float:
        reasons = [site, Reason("learned_model", points, "spam probability")]
        capped = _cap_model_only(
            Submission("inquiry", "text"), reasons, spam_at, documents, unsure_at
        )
        return sum(r.points for r in capped)

    assert total(2.5, 60) < unsure_at  # a quarter of its points and a website: not held
    assert unsure_at <= total(2.5, 5000) < spam_at  # a well-read model holds it
