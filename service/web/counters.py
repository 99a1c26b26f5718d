"""The per-process request counters every response updates, read by `/metrics`.

They sit with the web plumbing because the app's request hook and the cached thread reads
count into the same ones; `service/operations/metrics.py` only exposes them.
"""

from prometheus_client import Counter

REQUESTS = Counter("clinic_desk_http_requests", "HTTP responses by status code", ["status"])
RATE_LIMITED = Counter("clinic_desk_rate_limited", "Requests refused by a rate limit")
