"""What every audience shares on the way in and out: field rules, form tokens, idempotency,
rate limits, judging by the spam filter, the audit log, moderators' notices and the outbox."""
