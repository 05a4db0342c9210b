"""The EA: a test centre (like the Boom testcentrum) that couples with a LAS over UWLR.

A Django project of its own, with its own settings and database. It talks to a LAS only over HTTP
with :class:`koppel.uwlr.UwlrClient` and imports nothing from :mod:`koppel.las`.
"""
