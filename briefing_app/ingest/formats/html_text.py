"""A saved web page: the article's text and what the page says of itself.

trafilatura finds the article (leaving out navigation, captions, related links,
newsletter boxes, footers and scripts) and reads the page's metadata (JSON-LD,
Open Graph, ``<meta>``); htmldate looks for a date where trafilatura finds none.
Nothing is ever fetched: both are given the page's markup, never a URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from typing import Any

from trafilatura.settings import Document

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import PageMetadata
from briefing_app.ingest.formats.dates import iso_moment, iso_text, plausible
from briefing_app.ingest.formats.extracted import Extracted, format_rules, join_paragraphs
from briefing_app.ingest.formats.html_clean import without_heavy_parts

_FOLD = re.compile(r"[\W_]+")
# Elements of trafilatura's article tree: those holding paragraphs, and paragraphs.
_CONTAINERS = {"list", "table", "row", "div", "body", "section"}
_LEAVES = {"p", "head", "item", "quote", "cell", "code", "label"}
# Replacement characters and controls: in a real page's text, next to none.
_NOT_TEXT = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_NOT_TEXT_SHARE = 0.01
_BINARY = (
    "{name} is not a readable web page: it holds binary data, or text in an encoding it "
    "does not declare. Open it in a browser and save it again."
)


def read_html(markup: bytes | str, name: str) -> Extracted:
    """Return a page's article text and metadata, or raise InputFileError saying why not."""
    from trafilatura import load_html

    if (b"\x00" in markup) if isinstance(markup, bytes) else ("\x00" in markup):
        raise InputFileError(_BINARY.format(name=name))
    cleaned = without_heavy_parts(markup)
    tree = load_html(cleaned)
    if tree is None:
        raise InputFileError(
            f"{name} is not a readable web page (its markup cannot be parsed): open it in a "
            "browser and save it again, or copy the article's text."
        )
    stated = _stated_times(tree)
    language = _language(tree)
    document = _article(cleaned)
    if document is None:
        raise InputFileError(
            f"{name} holds no article text: the page has only navigation, links or other "
            "page furniture. Check in a browser that the article is there and save the page "
            "again, or copy the article's text."
        )
    site = _site_name(document.sitename or document.hostname)
    title = _headline(document.title, site)
    blocks = list(_blocks(document.body)) if document.body is not None else []
    blocks = blocks or (document.text or "").split("\n")
    _refuse_binary(blocks, name)
    paragraphs = _without_repeats(blocks, title, document.description)
    page = PageMetadata(
        title=title,
        outlet=site,
        published=_published(document.date, stated, cleaned),
        author=document.author or None,
        url=document.url or None,
        language=language,
    )
    return Extracted(join_paragraphs(paragraphs), page, encoding="html")


def _article(markup: bytes | str) -> Document | None:
    """Return what trafilatura makes of the page: precision first, recall if that is empty."""
    from trafilatura import bare_extraction, load_html

    for precise in (True, False):
        document = bare_extraction(
            load_html(markup),
            favor_precision=precise,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
        if isinstance(document, Document) and (document.text or "").strip():
            return document
    return None


def _blocks(element: Any) -> Iterator[str]:
    """Yield the paragraphs of trafilatura's article tree, in order.

    A paragraph, heading, list item, quote or table cell is one paragraph (a line
    break inside one starts another); containers (lists, tables, rows, cells or quotes
    holding paragraphs) are walked into.
    """
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _CONTAINERS or (tag in _LEAVES and any(c.tag in _LEAVES for c in child)):
            yield from _blocks(child)
        elif tag in _LEAVES:
            pieces = [""]
            _collect(child, pieces)
            yield from (piece for piece in pieces if piece.strip())


def _collect(element: Any, pieces: list[str]) -> None:
    """Add an element's text to ``pieces``, starting a new piece at each line break."""
    pieces[-1] += element.text or ""
    for child in element:
        if child.tag == "lb":
            pieces.append("")
        else:
            _collect(child, pieces)
        pieces[-1] += child.tail or ""


def _refuse_binary(blocks: list[str], name: str) -> None:
    """Refuse a "page" whose text is mostly bytes that are no characters (binary data)."""
    text = "".join(blocks)
    if text and len(_NOT_TEXT.findall(text)) / len(text) > MAX_NOT_TEXT_SHARE:
        raise InputFileError(_BINARY.format(name=name))


@cache
def _site_rules() -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...]]:
    rules = format_rules("site")
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in rules["strip"])
    return patterns, tuple(rules["title_separators"])


def _fold(text: str) -> str:
    return _FOLD.sub("", text.casefold())


def _site_name(raw: str | None) -> str | None:
    """Return a site's name without "www." or a tagline ("Reuters | Breaking News")."""
    if not raw:
        return None
    name = " ".join(raw.split())
    for pattern in _site_rules()[0]:
        name = pattern.sub("", name).strip()
    return name or None


def _headline(title: str | None, site: str | None) -> str | None:
    """Return the title without the site's name before or after it ("Headline | Site")."""
    if not title:
        return None
    title = " ".join(title.split())
    if not site:
        return title
    folded_site = _fold(site)
    for separator in _site_rules()[1]:
        head, sep, tail = title.rpartition(separator)
        if sep and head and _fold(tail) in (folded_site, _fold(site.split(".")[0])):
            return head.strip()
        tail, sep, rest = title.partition(separator)
        if sep and rest and _fold(tail) == folded_site:
            return rest.strip()
    return title


def _without_repeats(lines: list[str], title: str | None, description: str | None) -> list[str]:
    """Drop an opening headline or standfirst that repeats the page's title or description."""
    shown = [line for line in lines if line.strip()]
    repeats = {_fold(text) for text in (title, description) if text}
    while shown and _fold(shown[0]) in repeats:
        shown.pop(0)
    return shown


def _language(tree: Any) -> str | None:
    """Return the page's language as it declares it (``<html lang="en">``)."""
    root = tree.getroottree().getroot()
    value = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _stated_times(tree: Any) -> list[datetime]:
    """Return the publication times the page states to the second (JSON-LD, ``<meta>``)."""
    rules = format_rules("html")
    times: list[datetime] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().casefold() == "application/ld+json":
            times += _jsonld_times(script.text or "", tuple(rules["jsonld_date_keys"]))
    names = {n.casefold() for n in rules["meta_date_names"]}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if key in names:
            moment = iso_text(meta.get("content") or "")
            times += [moment] if moment is not None else []
    return times


def _jsonld_times(text: str, keys: tuple[str, ...]) -> list[datetime]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    found: list[datetime] = []
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            for key in keys:
                value = item.get(key)
                moment = iso_text(value) if isinstance(value, str) else None
                found += [moment] if moment is not None else []
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return found


def _published(day: str | None, stated: list[datetime], markup: bytes | str) -> str | None:
    """Return the page's publication date, to the second where the page states the time.

    trafilatura's date (a day) decides; a stated time on that day adds the hour.
    """
    found = _day(day) or _htmldate_day(markup)
    if found is None:
        return None
    for moment in stated:
        if moment.date() == found and (moment.hour or moment.minute or moment.second):
            return iso_moment(moment)
    return found.isoformat()


def _day(text: str | None) -> date | None:
    moment = iso_text(text[:10]) if text else None
    return moment.date() if moment is not None and plausible(moment.date()) else None


def _htmldate_day(markup: bytes | str) -> date | None:
    """Return the date htmldate finds in the page (given a parsed tree: it never fetches)."""
    from htmldate import find_date
    from trafilatura import load_html

    tree = load_html(markup)
    if tree is None:
        return None
    found = find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    return _day(found)
