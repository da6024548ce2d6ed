"""Briefings in other formats than plain text: saved web pages, PDF, Word and e-mail.

Each format's reader returns the plain text (one paragraph per line) and what the
document says of itself (:class:`~briefing_app.domain.parsed.PageMetadata`); the
dispatcher (:func:`briefing_app.ingest.formats.dispatch.read_any`) hands both to the
text pipeline.
"""
