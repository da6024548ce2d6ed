"""What a page says of itself, read from its text: date of publication, title and outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.domain.library import ClaimFilter
from briefing_app.domain.parsed import PageMetadata
from briefing_app.ingest.headline import headline
from briefing_app.ingest.outlets import aliases_of
from briefing_app.ingest.pipeline import parse_text
from briefing_app.ingest.published import published
from briefing_app.services.library import Library

BODY = "Rebels reached the outskirts of Homs on Friday, commanders said.\n"


@pytest.mark.parametrize(
    ("header", "iso"),
    [
        (["December 6, 2024 3:14 PM GMT+1", "Updated 3 hours ago"], "2024-12-06T15:14:00+01:00"),
        (["December 5, 2024 at 2:47 p.m. EST"], "2024-12-05T14:47:00-05:00"),
        (["Updated 5:12 a.m. ET, December 7, 2024"], "2024-12-07T05:12:00-05:00"),
        (["Updated 5:12 a.m. ET, July 7, 2024"], "2024-07-07T05:12:00-04:00"),  # summer time
        (
            ["Tue 3 Dec 2024 14.20 GMT", "Last modified on Tue 3 Dec 2024 16.05 GMT"],
            "2024-12-03T14:20:00+00:00",
        ),
        (["December 4, 2024 8:12 PM"], "2024-12-04T20:12:00"),
        (["4 December 2024"], "2024-12-04"),
        (
            ["Situation Report No. 3 | 27 November – 6 December 2024", "Published 7 December 2024"],
            "2024-12-07",
        ),
        (["Date: 6 December 2024"], "2024-12-06"),
        (["Updated 3 hours ago"], None),
        ([], None),
    ],
)
def test_the_date_of_publication_from_the_lines_above_the_article(
    header: list[str], iso: str | None
) -> None:
    assert published(header, None, None, "") == iso


def test_a_dateline_date_takes_the_year_the_article_points_to() -> None:
    assert (
        published([], "BEIRUT, Dec 6 (Reuters) - ", None, "since 2020 ... in 2024") == "2024-12-06"
    )


def test_a_date_in_the_title() -> None:
    assert published([], None, "Syria Situation Update, December 4, 2024", "") == "2024-12-04"


def test_what_the_page_says_wins_over_its_text() -> None:
    text = "December 6, 2024\n" + BODY
    assert parse_text(text, "a.txt").published == "2024-12-06"
    page = PageMetadata(published="2024-12-05T10:00:00+00:00")
    assert parse_text(text, "a.txt", page=page).published == "2024-12-05T10:00:00+00:00"


@pytest.mark.parametrize(
    ("line", "title", "outlet"),
    [
        (
            "Sudan's RSF tightens siege | Sudan | The Guardian",
            "Sudan's RSF tightens siege",
            "The Guardian",
        ),
        (
            "Syrian insurgents capture Hama - The Washington Post",
            "Syrian insurgents capture Hama",
            "The Washington Post",
        ),
        ("Rebels take Daraa | Syria's War News | Al Jazeera", "Rebels take Daraa", "Al Jazeera"),
        (
            "# Syria: Security Situation Brief No. 14",
            "Syria: Security Situation Brief No. 14",
            None,
        ),
        (
            "Homs slips — and Assad's allies hold back",
            "Homs slips — and Assad's allies hold back",
            None,
        ),
    ],
)
def test_a_title_loses_its_outlet_suffix(line: str, title: str, outlet: str | None) -> None:
    assert (headline(line).text, headline(line).outlet) == (title, outlet)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        # The dateline names whose reporting it is, whatever site carries it.
        ("Rebels capture Hama - The Washington Post\nBEIRUT (AP) — " + BODY, "Associated Press"),
        ("Rebels capture Hama | Reuters\n" + BODY, "Reuters"),
        (
            "Brief No. 14\nPrepared by: Levant Desk, Meridian Risk Advisory\n" + BODY,
            "Meridian Risk Advisory",
        ),
        (
            BODY + "© Centre for Levant Security Studies 2024. All rights reserved.\n",
            "Centre for Levant Security Studies",
        ),
        # The site's name above the title beats the agency of a photo.
        (
            "NPR\nRebels take the city of Aleppo in a day\n"
            "Fighters in Aleppo. Name Surname/AFP via Getty Images\n" + BODY,
            "NPR",
        ),
        ("Rebels take Aleppo\nA man in Aleppo. REUTERS/Yamam Hariri\n" + BODY, "Reuters"),
    ],
)
def test_the_outlet_from_the_strongest_cue(text: str, outlet: str) -> None:
    assert parse_text(text, "a.txt").outlet == outlet


def test_the_outlet_aliases_go_with_the_document() -> None:
    document = parse_text("BEIRUT (AFP) - " + BODY, "a.txt")
    assert document.outlet == "Agence France-Presse"
    assert document.outlet_aliases == aliases_of("Agence France-Presse")
    assert "afp" in document.outlet_aliases


def test_source_finds_an_outlet_by_any_of_its_names(tmp_path: Path) -> None:
    for name, dateline in (("ap.txt", "BEIRUT (AP) — "), ("afp.txt", "DAMASCUS (AFP) - ")):
        (tmp_path / name).write_text(dateline + BODY, encoding="utf-8")
    library = Library.open(tmp_path / "library.db", backup=False)
    try:
        results = library.import_files([tmp_path / "ap.txt", tmp_path / "afp.txt"])
        ap_claims = library.claim_ids(ClaimFilter(document_id=results[0].document_id))
        afp_claims = library.claim_ids(ClaimFilter(document_id=results[1].document_id))
        assert [h.claim.id for h in library.search("source:ap").hits] == ap_claims
        assert [h.claim.id for h in library.search("source:afp").hits] == afp_claims
        assert [h.claim.id for h in library.search("outlet:agence").hits] == afp_claims
    finally:
        library.close()
