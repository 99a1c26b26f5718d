"""Clinic Desk's spam filter: pure Python, no Flask and no database.

`assess()` takes a `Submission`, the `Facts` the service layer looked up, a `LearnedModel` and
`Thresholds`, and returns an `Assessment` with a score, a verdict and every rule's reasons.
"""

from service.spam.corpus import CorpusError, LabelledRow, load_csv, load_many
from service.spam.evaluation import evaluate, train_model, train_starter_model
from service.spam.featurize import features, features_for_lesson
from service.spam.model import LearnedModel, ModelFormatError
from service.spam.pipeline import (
    DEFAULT_THRESHOLDS,
    assess,
    content_hash,
    explain_tokens,
    thresholds_from_settings,
)
from service.spam.submission import (
    Assessment,
    Blocklist,
    Facts,
    FormTokenState,
    Reason,
    Submission,
    Thresholds,
    Verdict,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Assessment",
    "Blocklist",
    "CorpusError",
    "Facts",
    "FormTokenState",
    "LabelledRow",
    "LearnedModel",
    "ModelFormatError",
    "Reason",
    "Submission",
    "Thresholds",
    "Verdict",
    "assess",
    "content_hash",
    "evaluate",
    "explain_tokens",
    "features",
    "features_for_lesson",
    "load_csv",
    "load_many",
    "thresholds_from_settings",
    "train_model",
    "train_starter_model",
]
