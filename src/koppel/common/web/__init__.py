"""A small Django app both projects install: the Content-Security-Policy middleware, template
helpers (list ranges, Dutch dates) and the pagination include."""
