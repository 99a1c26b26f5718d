import os
from pathlib import Path

import pytest

from service.spam import CorpusError, evaluate, load_csv, train_model
from service.spam.corpus import bundled_paths, parse_rows

REPO = Path(__file__).resolve().parents[2]
DATACAMP = REPO.parent / "shared" / "data" / "spam" / "datacamp.csv"


def write(tmp_path, text, name="rows.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_labelled_csv_rows_become_submissions(tmp_path):
    rows = load_csv(
        write(
            tmp_path,
            "label,kind,author,email,website,content\n"
            "spam,inquiry,Ann,a@x.example,https://x.example,Buy now\n"
            "ham,comment,,,,Thanks\n",
        )
    )
    assert [row.is_spam for row in rows] == [True, False]
    assert rows[0].submission.kind == "inquiry"
    assert rows[0].submission.email == "a@x.example"
    assert rows[1].submission.text == "Thanks"


def test_kind_defaults_to_comment_and_labels_ignore_case(tmp_path):
    rows = load_csv(write(tmp_path, "Label,Content\nSPAM,win\n"))
    assert rows[0].is_spam
    assert rows[0].submission.kind == "comment"


def test_unknown_label_is_a_corpus_error_naming_the_line(tmp_path):
    path = write(tmp_path, "label,content\nham,hello\nmaybe,hi\n")
    with pytest.raises(CorpusError, match=r"line 3: unknown label 'maybe' \(use spam or ham\)"):
        load_csv(path)


def test_missing_columns_are_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="missing column content"):
        load_csv(write(tmp_path, "label,text\nham,hello\n"))


def test_empty_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="the file is empty"):
        load_csv(write(tmp_path, ""))


def test_header_only_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="no labelled rows"):
        load_csv(write(tmp_path, "label,content\n"))


@pytest.mark.parametrize(
    "text",
    [
        'label,content\nham,"an unclosed quote\n',
        "label,content\nham,hello,extra\n",
        "label,content\nham,nul\x00byte\n",
    ],
)
def test_invalid_csv_is_a_corpus_error_with_one_line_message(text):
    with pytest.raises(CorpusError) as raised:
        parse_rows(text, "bad.csv")
    message = str(raised.value)
    assert message.startswith("bad.csv")
    assert "\n" not in message


def test_binary_file_is_a_corpus_error(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(CorpusError, match="not UTF-8"):
        load_csv(path)


def test_missing_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="cannot be read"):
        load_csv(tmp_path / "absent.csv")


def test_unknown_kind_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="unknown kind 'tweet'"):
        load_csv(write(tmp_path, "label,kind,content\nham,tweet,hi\n"))


def test_bundled_corpus_loads():
    sizes = {path.name: len(load_csv(path)) for path in bundled_paths()}
    assert sizes == {
        "youtube.csv": 1369,
        "sms.csv": 3902,
        "clinic-examples.csv": 120,
        "reader-comments.csv": 127,
        "clinic-domain.csv": 295,
        "clinic-messages.csv": 16660,
    }


def test_evaluation_report_counts_unsure_as_not_spam(tmp_path):
    rows = load_csv(
        write(
            tmp_path,
            "label,kind,content\n"
            "spam,inquiry,Please read more about us at https://example.org today\n"
            "ham,comment,thanks\n"
            "ham,comment,great\n",
        )
    )
    figures = evaluate(rows, None)
    assert figures["n"] == 3
    assert (figures["tp"], figures["fn"], figures["fp"], figures["tn"]) == (0, 1, 0, 2)
    assert figures["unsure"] == 1
    assert figures["recall"] == 0.0
    assert figures["accuracy"] == round(2 / 3, 4)
    assert set(figures) >= {"n", "precision", "recall", "false_positive_rate", "accuracy"}


def datacamp_path() -> Path:
    if not DATACAMP.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{DATACAMP} is required in CI")
        pytest.skip("the DataCamp comments (../shared/data/spam/datacamp.csv) are not present")
    return DATACAMP


def test_datacamp_comments_load_and_a_model_trained_on_them_flags_their_spam():
    rows = load_csv(datacamp_path())
    assert len(rows) == 425
    model = train_model(rows[::2])
    figures = evaluate(rows[1::2], model)
    assert figures["tp"] > 0
    assert figures["false_positive_rate"] < 0.15
