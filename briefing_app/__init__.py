"""Briefing reader: claims from news and intelligence briefings, filed by theme."""

__version__ = "0.1.0"
