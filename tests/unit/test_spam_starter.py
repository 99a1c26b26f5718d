"""The shipped starter model is exactly what the code trains from the bundled corpus."""

from service.spam.evaluation import train_starter_model
from service.spam.model import LearnedModel
from service.spam.starter import STARTER_PATH, starter_bytes


def test_the_shipped_starter_model_matches_the_code():
    assert STARTER_PATH.exists(), "run: .venv/bin/python -m service.spam.starter"
    assert STARTER_PATH.read_bytes() == train_starter_model().to_bytes(), (
        "the spam features or corpus changed: rebuild the starter model with "
        ".venv/bin/python -m service.spam.starter"
    )


def test_the_starter_model_loads_from_the_shipped_bytes():
    model = LearnedModel.from_bytes(starter_bytes())
    assert model.spam_docs > 1000
    assert model.ham_docs > 1000
