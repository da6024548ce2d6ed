"""The one-sentence fast path gives exactly the spans pysbd would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.ingest import sentences

WORDS = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'-,\"“”’()–—.éÅ_;:%")
    ),
    min_size=1,
    max_size=12,
)
ENDINGS = ["", ".", "!", "?", '."', ".”", "…", " ", "  ", ".)"]


def spans_by_pysbd(chunk: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    with monkeypatch.context() as patch:
        patch.setattr(sentences, "_pieces", lambda c: list(sentences._segmenter().segment(c)))
        return sentences.sentence_spans(chunk, 0, len(chunk))


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(WORDS, min_size=1, max_size=30), st.sampled_from(ENDINGS), st.sampled_from(["", " "])
)
def test_fast_path_agrees_with_pysbd(words: list[str], ending: str, lead: str) -> None:
    chunk = lead + " ".join(words) + ending
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = spans_by_pysbd(chunk, monkeypatch)
    assert sentences.sentence_spans(chunk, 0, len(chunk)) == expected


def test_plain_sentences_skip_pysbd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "_segmenter", lambda: pytest.fail("pysbd was asked"))
    text = "  Rebels took the town of Rastan, near Homs, on Friday.  "
    assert sentences.sentence_spans(text, 0, len(text)) == [(2, len(text) - 2)]


def test_anything_that_may_end_a_sentence_goes_to_pysbd() -> None:
    text = "Gen. Smith arrived. The U.S. said: 'No.' Then talks ended"
    found = [text[a:b] for a, b in sentences.sentence_spans(text, 0, len(text))]
    assert found[0] == "Gen. Smith arrived." and len(found) >= 2
