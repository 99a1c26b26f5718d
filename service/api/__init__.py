"""The JSON API under /api. Route modules attach to the one blueprint."""

from service.api.blueprint import bp

__all__ = ["bp"]
