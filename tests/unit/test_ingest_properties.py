"""Property tests: for any text, claim spans round-trip and never overlap or touch boilerplate."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import ParagraphKind
from briefing_app.ingest.pipeline import parse_document

WORDS = st.sampled_from(
    [
        "Rebels",
        "captured",
        "Homs",
        "U.S.",
        "Mr.",
        "Gen.",
        "said",
        "Assad",
        "“quote”",
        "—",
        "HTS’s",
        "may",
        "reportedly",
        "😀",
        "🇸🇾",
        "ADVERTISEMENT",
        "Related:",
        "e\u0301",
        "Şanlıurfa",
        "the",
        "army",
        "...",
        "?",
        "!",
        "(AP)",
        "BEIRUT",
        "-",
        "\t",
        "Russia",
    ]
)
LINE = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
ARTICLE = st.lists(st.one_of(LINE, st.just(""), st.text(max_size=80)), min_size=1, max_size=12)


def _check(text: str) -> None:
    try:
        document = parse_document(text.encode("utf-8"), "generated.txt")
    except InputFileError:
        return
    body = document.text
    previous_end = -1
    non_claim = [(p.start, p.end) for p in document.paragraphs if p.kind != ParagraphKind.BODY]
    for claim in document.claims:
        sentence = body[claim.start : claim.end]
        assert sentence == sentence.strip() and sentence
        assert claim.start >= previous_end
        previous_end = claim.end
        assert all(claim.end <= s or claim.start >= e for s, e in non_claim)
        for mention in claim.mentions:
            assert claim.start <= mention.start < mention.end <= claim.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE.map("\n".join))
def test_claim_spans_round_trip_for_article_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_claim_spans_round_trip_for_any_text(text: str) -> None:
    _check(text)
