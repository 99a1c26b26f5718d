"""The spam filter's shared state: moderator decisions teach it, every instance sees the same."""

import json
import re

import pytest

from service.data.extensions import db
from service.data.models import BlockKind, BlocklistEntry, Comment, SpamLesson, Thread
from service.spam.submission import FormTokenState, Submission, Verdict
from service.submissions.filtering import judge, learn_from_decision

ODD_TEXT = "zebra quartz lantern marmalade"


def comment_like(text: str, **fields) -> Submission:
    return Submission(kind="comment", text=text, form_token=FormTokenState.VALID, **fields)


def store_comment(text: str) -> Comment:
    thread = db.session.scalar(db.select(Thread)) or Thread(key="t")
    db.session.add(thread)
    db.session.flush()
    comment = Comment(thread_id=thread.id, author="A", body=text, body_html=text)
    db.session.add(comment)
    db.session.flush()
    return comment


def learned_points(assessment) -> float:
    return next(r.points for r in assessment.reasons if r.rule == "learned_model")


def test_spam_decisions_change_the_next_verdict_for_a_similar_text(app):
    before = judge(comment_like(ODD_TEXT))
    assert before.verdict is Verdict.HAM
    for _ in range(15):
        learn_from_decision(store_comment(ODD_TEXT), is_spam=True, source="test")
    db.session.commit()
    after = judge(comment_like(ODD_TEXT + " today"))
    assert learned_points(after) > learned_points(before)
    assert after.verdict is not Verdict.HAM


def test_lessons_keep_hashed_features_never_the_text(app):
    learn_from_decision(store_comment(ODD_TEXT), is_spam=True)
    db.session.commit()
    lesson = db.session.scalar(db.select(SpamLesson))
    stored = json.dumps(lesson.features)
    assert "zebra" not in stored
    assert all(isinstance(f, int) for f in lesson.features)


def test_two_app_instances_see_the_same_learned_state(app, make_app):
    other = make_app()
    with other.app_context():
        first_view = learned_points(judge(comment_like(ODD_TEXT)))
    for _ in range(15):
        learn_from_decision(store_comment(ODD_TEXT), is_spam=True)
    db.session.commit()
    mine = learned_points(judge(comment_like(ODD_TEXT)))
    with other.app_context():
        theirs = learned_points(judge(comment_like(ODD_TEXT)))
    assert theirs == mine
    assert theirs > first_view


def test_a_blocklisted_domain_holds_a_comment(app):
    text = "Thank you for the article about posture."
    email = "reader@calm-backs.example"
    assert judge(comment_like(text, email=email)).verdict is Verdict.HAM
    db.session.add(BlocklistEntry(kind=BlockKind.DOMAIN, value="calm-backs.example"))
    db.session.commit()
    held = judge(comment_like(text, email=email))
    assert held.verdict is Verdict.SPAM
    assert any("calm-backs.example" in r.detail for r in held.reasons)


def test_the_same_text_seen_recently_counts(app):
    text = "Lovely article about posture at the desk, thank you"
    quiet = judge(comment_like(text)).score
    for _ in range(3):
        comment = store_comment(text)
        from service.submissions.filtering import content_hash

        comment.content_hash = content_hash(text)
    db.session.commit()
    assert judge(comment_like(text)).score > quiet


def test_spam_train_teaches_the_deployed_model(runner, tmp_path):
    csv = tmp_path / "rows.csv"
    csv.write_text("label,content\n" + f"spam,{ODD_TEXT}\n" * 20)
    before = learned_points(judge(comment_like(ODD_TEXT)))
    result = runner.invoke(args=["spam", "train", str(csv)])
    assert result.exit_code == 0, result.output
    assert "Learned 20 rows (20 spam, 0 ham)" in result.output
    assert learned_points(judge(comment_like(ODD_TEXT))) > before


def test_spam_evaluate_ends_with_the_contract_json(runner, tmp_path):
    rows = tmp_path / "eval.csv"
    rows.write_text(
        "label,content\n"
        "spam,Cheap viagra no prescription https://pharma-deals.example/buy\n"
        "ham,Thank you for the article about my shoulder injection\n"
    )
    result = runner.invoke(args=["spam", "evaluate", str(rows)])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert set(figures) == {"n", "precision", "recall", "false_positive_rate", "accuracy"}
    assert figures["n"] == 2
    assert figures["accuracy"] == 1.0


def test_spam_evaluate_with_train_uses_only_those_files(runner, tmp_path):
    train = tmp_path / "train.csv"
    train.write_text("label,content\n" + f"spam,{ODD_TEXT}\n" * 10 + "ham,hello there\n" * 10)
    rows = tmp_path / "eval.csv"
    rows.write_text(f"label,content\nspam,{ODD_TEXT}\n")
    result = runner.invoke(args=["spam", "evaluate", str(rows), "--train", str(train)])
    assert result.exit_code == 0, result.output
    assert "fresh model trained on 1 file" in result.output
    assert db.session.scalar(db.select(db.func.count(SpamLesson.id))) == 0


def held_and_filed(runner, csv_path, train=None) -> tuple[int, int]:
    """`spam evaluate`'s count of genuine rows held as unsure and of those filed as spam."""
    extra = ["--train", str(train)] if train else []
    result = runner.invoke(args=["spam", "evaluate", str(csv_path), *extra])
    assert result.exit_code == 0, result.output
    held = re.search(r"held as unsure \(counted as not spam\): (\d+)", result.output)
    filed = re.search(r"ham as spam +(\d+)", result.output)
    return int(held.group(1)), int(filed.group(1))


def test_spam_evaluate_trusts_the_configured_clinic_domains(app, runner, tmp_path):
    rows = tmp_path / "eval.csv"
    rows.write_text(
        "label,kind,content\n"
        "ham,comment,Update: we moved! See https://clinic.example and "
        "https://portal.clinic.example for the new map.\n"
    )
    # A model with no opinion on the notice: only the links count.
    neutral = tmp_path / "neutral.csv"
    neutral.write_text("label,kind,content\nspam,comment,win cash now\nham,comment,hello there\n")
    app.config["CLINIC_DOMAINS"] = []
    assert held_and_filed(runner, rows, neutral) == (1, 0)
    app.config["CLINIC_DOMAINS"] = ["clinic.example"]
    assert held_and_filed(runner, rows, neutral) == (0, 0)


def test_spam_evaluate_hears_the_clinic_speaking_from_its_own_address(app, runner, tmp_path):
    notice = (
        "Reminder: free flu shot clinic this Saturday. Questions? Call 555-0166 "
        "or book at https://portal.clearskinderm.com/flu"
    )
    rows = tmp_path / "eval.csv"
    rows.write_text(
        "label,kind,author,website,content\n"
        f"ham,comment,Clear Skin Dermatology,https://clearskinderm.com,{notice}\n"
    )
    # A model taught by adverts, sure that such a notice is one.
    taught = tmp_path / "adverts.csv"
    taught.write_text(
        "label,kind,content\n"
        + f"spam,comment,{notice}\n" * 15
        + "ham,comment,hello there see you soon\n" * 30
    )
    app.config["CLINIC_DOMAINS"] = []
    assert held_and_filed(runner, rows, taught) == (1, 0)
    app.config["CLINIC_DOMAINS"] = ["clearskinderm.com"]
    assert held_and_filed(runner, rows, taught) == (0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("label,content\nmaybe,hello\n", "unknown label"),
        ("text\nhello\n", "missing column"),
    ],
)
def test_spam_commands_refuse_bad_csv_with_one_line(runner, tmp_path, content, message):
    csv = tmp_path / "bad.csv"
    csv.write_text(content)
    for args in (["spam", "train", str(csv)], ["spam", "evaluate", str(csv)]):
        result = runner.invoke(args=args)
        assert result.exit_code == 1
        assert message in result.output
        assert "Traceback" not in result.output


def test_spam_explain_lists_rules_and_words(runner):
    result = runner.invoke(
        args=["spam", "explain", "Buy cheap pills at https://bit.ly/x now", "--kind", "comment"]
    )
    assert result.exit_code == 0, result.output
    assert "Verdict:" in result.output
    assert "shortener" in result.output
    assert "Words that weighed most" in result.output


def test_a_base_state_saved_by_the_first_generation_is_replaced_by_the_starter_model(app):
    """After an upgrade the stored naive Bayes state (format CDNB) cannot be read; workers judge
    with the starter model instead of failing, and `spam train` stores the new format."""
    from service.data.models import SpamModelState
    from service.spam.model import LearnedModel
    from service.spam.pipeline import model_reason
    from service.spam.starter import starter_bytes
    from service.submissions.filtering import ensure_model_state

    ensure_model_state()
    state = db.session.get(SpamModelState, 1)
    state.state = b"CDNB\x01" + bytes(12) + b"x\x9c\x03\x00\x00\x00\x00\x01"
    state.trained_on = 7  # a new stamp, as an upgrade's stored state would have
    db.session.commit()
    text = comment_like("Subscribe to my channel and earn money fast, click here")
    starter = model_reason(text, LearnedModel.from_bytes(starter_bytes()))
    assert learned_points(judge(text)) == starter.points


def test_a_worker_holds_no_copy_of_the_stored_state_and_rereads_it_for_its_first_lesson(app):
    from service.data.models import SpamModelState
    from service.spam.model import LearnedModel
    from service.submissions.filtering import current_model

    judge(comment_like(ODD_TEXT))
    assert current_model().logistic._saved is None
    # The stored bytes change under the loaded model while its stamp stays the same (as if
    # `spam train` had stored a new state in the same instant): the first lesson notices, and
    # the worker starts again from the stored state.
    state = db.session.get(SpamModelState, 1)
    changed = LearnedModel.from_bytes(state.state)
    changed.learn([1, 2, 3], True)
    state.state = changed.to_bytes()
    db.session.commit()
    learn_from_decision(store_comment(ODD_TEXT), is_spam=True, source="test")
    db.session.commit()
    judged = judge(comment_like(ODD_TEXT))
    expected = LearnedModel.from_bytes(changed.to_bytes())
    lesson = db.session.scalar(db.select(SpamLesson))
    expected.learn(lesson.features, True)
    assert current_model().to_bytes() == expected.to_bytes()
    assert judged.reasons  # judged with the reloaded model, without an error
