"""Running a clinic's instance: the CLI, backup, retention, key rotation, privacy requests,
health, metrics and the demo data."""
