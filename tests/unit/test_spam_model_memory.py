"""The learned model's compact storage: what a worker loads weighs exactly what training gave."""

import zlib

import pytest

from service.spam import LearnedModel, ModelFormatError, Submission, features_for_lesson
from service.spam.evaluation import train_starter_model
from service.spam.featurize import NGRAM_BIT, kind_marker
from service.spam.naive_bayes import _HEADER, CACHE_LIMIT, NaiveBayesModel
from service.spam.starter import starter_bytes

KINDS = [None, "comment", "inquiry", "message"]
LESSONS = [
    ("comment", "Cheap replica watches, free shipping, order today at our shop", True),
    ("inquiry", "Could I move my appointment with the physiotherapist to Friday?", False),
    ("comment", "Zyxwvut qwertyuiop: a word nobody ever wrote before", True),
]


@pytest.fixture(scope="module")
def trained():
    """The starter model as training leaves it (its rare features forgotten)."""
    return train_starter_model()


@pytest.fixture(scope="module")
def loaded():
    """The starter model as a worker loads it: counts in sorted arrays."""
    return LearnedModel.from_bytes(starter_bytes())


def test_the_loaded_model_keeps_its_counts_in_arrays(loaded):
    assert len(loaded.bayes._keys) == len(loaded.bayes) > 100_000
    assert loaded.bayes._added == {}
    assert len(loaded.logistic._z) == 0  # the accumulators wait for the first lesson


def test_every_feature_weighs_the_same_loaded_as_trained(trained, loaded):
    features = [*trained.bayes._keys, *trained.bayes._added]
    assert len(features) == len(loaded.bayes)
    for kind in KINDS:
        for feature in features:
            assert loaded.bayes.weight(feature, kind) == trained.bayes.weight(feature, kind)
            assert loaded.weight(feature, kind) == trained.weight(feature, kind)
            assert loaded.bayes.counts(feature) == trained.bayes.counts(feature)


def test_lessons_after_loading_give_the_state_of_lessons_after_training(trained):
    loaded = LearnedModel.from_bytes(starter_bytes())
    copy = LearnedModel.from_bytes(trained.to_bytes())
    lessons = [(features_for_lesson(Submission(k, t)), s) for k, t, s in LESSONS]
    for found, is_spam in lessons:
        loaded.learn(found, is_spam)
        copy.learn(found, is_spam)
    assert loaded.to_bytes() == copy.to_bytes()
    assert loaded.to_bytes() != starter_bytes()
    new = [f for f in lessons[2][0] if not f & NGRAM_BIT and f not in loaded.bayes._keys]
    assert new, "the made-up word should bring features the starter model never saw"
    assert all(f in loaded.bayes._added for f in new)
    for found, _ in lessons:
        for kind in KINDS:
            assert loaded.log_odds(found, kind) == copy.log_odds(found, kind)


def test_a_loaded_model_keeps_each_weight_once_in_two_bytes(monkeypatch):
    model = NaiveBayesModel()
    many = list(range(1, 3 * CACHE_LIMIT, 2))
    model.learn([*many, kind_marker("comment")], is_spam=True)
    model.learn([*many, kind_marker("comment")], is_spam=False)
    copy = NaiveBayesModel.from_bytes(model.to_bytes())
    first = copy.log_odds(many, "comment")
    column = copy._weights["comment"]
    assert column.itemsize == 2 and len(column) == len(copy._keys)
    worked_out = []
    weigh = copy._weigh
    monkeypatch.setattr(copy, "_weigh", lambda *args: worked_out.append(args) or weigh(*args))
    assert copy.log_odds(many, "comment") == first == model.log_odds(many, "comment")
    assert worked_out == [], "every weight was kept, however many features a kind has"
    assert [copy.weight(f, "comment") for f in many[:50]] == [
        model.weight(f, "comment") for f in many[:50]
    ]


def test_the_weights_of_features_added_since_loading_stay_bounded():
    model = NaiveBayesModel()
    many = list(range(1, 3 * CACHE_LIMIT, 2))
    model.learn([*many, kind_marker("comment")], is_spam=True)
    model.learn([*many, kind_marker("comment")], is_spam=False)
    first = model.log_odds(many, "comment")
    assert len(model._added_weights["comment"]) <= CACHE_LIMIT
    for feature in many:
        model.weight(feature, "comment")
    assert len(model._added_weights["comment"]) <= CACHE_LIMIT
    assert model.log_odds(many, "comment") == first


def test_a_lesson_works_every_weight_out_again():
    model = NaiveBayesModel()
    model.learn([3, 5, kind_marker("comment")], is_spam=True)
    model.learn([3, 7, kind_marker("comment")], is_spam=False)
    loaded = NaiveBayesModel.from_bytes(model.to_bytes())
    before = loaded.weight(5, "comment")
    loaded.learn([5, kind_marker("comment")], is_spam=True)
    model.learn([5, kind_marker("comment")], is_spam=True)
    assert loaded.weight(5, "comment") == model.weight(5, "comment") > before


def test_features_out_of_order_are_refused():
    model = NaiveBayesModel()
    model.learn([5, 9], is_spam=True)
    data = model.to_bytes()
    body = bytearray(zlib.decompress(bytes(data[_HEADER.size :])))
    body[0:8] = body[4:8] + body[0:4]  # swap the two features
    broken = data[: _HEADER.size] + zlib.compress(bytes(body))
    with pytest.raises(ModelFormatError):
        NaiveBayesModel.from_bytes(broken)


def test_a_count_past_sixteen_bits_is_kept_exactly():
    model = NaiveBayesModel()
    model.learn([5, 7], is_spam=True)
    model.learn([7], is_spam=False)
    model._added[5] = [0xFFFF, 0]
    loaded = NaiveBayesModel.from_bytes(model.to_bytes())
    assert loaded._spam.itemsize == 2, "counts that fit in 16 bits are kept in 16 bits"
    loaded.learn([5], is_spam=True)
    assert loaded.counts(5) == (0x10000, 0)
    again = NaiveBayesModel.from_bytes(loaded.to_bytes())
    assert again.counts(5) == (0x10000, 0) and again.counts(7) == (1, 1)
