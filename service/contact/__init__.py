"""Contact inquiries from visitors: the form, the rules, the service that stores them."""

from service.contact.views import bp

__all__ = ["bp"]
