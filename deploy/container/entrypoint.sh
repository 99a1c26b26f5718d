#!/bin/sh
# Entry point of Clinic Desk's container image (Dockerfile). Settings come from the environment.
#   serve        (default) apply migrations unless MIGRATE_ON_START=0, then gunicorn on PORT
#   worker       deliver the outbox's mail, one round every OUTBOX_INTERVAL seconds (default 30)
#   migrate      apply migrations and exit
#   flask ARGS   any CLI command, e.g. `flask moderators create you@clinic.example --role admin`
#   healthcheck  what the image's HEALTHCHECK runs: GET /healthz (a worker container passes)
# Anything else is run as given (`sh`, `python`, ...).
set -eu
cd /app

migrate() {
    flask --app wsgi db upgrade
}

command=${1:-serve}
[ $# -gt 0 ] && shift
case "$command" in
    serve)
        case "${MIGRATE_ON_START:-1}" in
            0 | false | no | off) ;;
            *) migrate ;;
        esac
        exec gunicorn --config gunicorn.conf.py "$@" wsgi:app
        ;;
    worker)
        exec flask --app wsgi outbox deliver --loop --interval "${OUTBOX_INTERVAL:-30}" "$@"
        ;;
    migrate)
        migrate
        ;;
    flask)
        exec flask --app wsgi "$@"
        ;;
    healthcheck)
        # The worker container (its first process delivers the outbox) has no port to check.
        if tr '\0' ' ' </proc/1/cmdline 2>/dev/null | grep -q ' outbox deliver '; then
            exit 0
        fi
        exec python -c 'import os, sys, urllib.request
url = "http://127.0.0.1:%s/healthz" % os.environ.get("PORT", "8000")
try:
    urllib.request.urlopen(url, timeout=4)
except Exception as error:
    sys.exit("unhealthy: %s" % error)'
        ;;
    *)
        exec "$command" "$@"
        ;;
esac
