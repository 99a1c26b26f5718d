"""Web plumbing every page and endpoint shares: the app class, security headers, the request
log, languages, rendering, client addresses, cross-origin rules and the error pages."""
