"""The LAS (leerlingadministratiesysteem): a Django project that owns pupil, group and teacher data,
offers them to educational applications over UWLR and stores the results they send back.

Apps: ``school`` (the data), ``koppelingen`` (partners, couplings, keys, audit), ``uwlr_service``
(the two SOAP endpoints) and ``resultaten`` (received results and test definitions).
"""
