"""What both halves of the learned model keep alike: how many spam and ham documents taught it."""

from __future__ import annotations

from typing import Self

__all__ = ["DocumentCounts"]


class DocumentCounts:
    """The numbers of spam and ham documents a model learned from. Until it has seen both, a
    model has no opinion (its `log_odds` is 0)."""

    def __init__(self) -> None:
        self.spam_docs = 0
        self.ham_docs = 0

    @classmethod
    def empty(cls) -> Self:
        return cls()

    def has_seen_both(self) -> bool:
        """Whether the model learned from at least one spam and one ham document."""
        return bool(self.spam_docs and self.ham_docs)

    def _count_document(self, is_spam: bool) -> None:
        if is_spam:
            self.spam_docs += 1
        else:
            self.ham_docs += 1
