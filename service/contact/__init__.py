"""Contact inquiries from visitors: the form, the rules, the service that stores them, and the
patient's answer page (the secure answer channel)."""

from service.contact import conversation_views  # noqa: F401  (its routes attach to bp)
from service.contact.views import bp

__all__ = ["bp"]
