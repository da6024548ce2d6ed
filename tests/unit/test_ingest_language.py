"""Wording rules: who says a claim, hedges, names the gazetteer lacks, scope and theme cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.ingest.attribution import find_attribution
from briefing_app.ingest.hedges import find_hedges
from briefing_app.ingest.names import UNLISTED, find_names
from briefing_app.ingest.pipeline import parse_text
from briefing_app.services.library import Library


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "In a statement, the Syrian military command said its troops had redeployed.",
            "the Syrian military command",
        ),
        (
            "In a surprise statement Tuesday night, the Sudanese government said it would talk.",
            "the Sudanese government",
        ),
        (
            "Thousands fled toward the coast, the local administration said.",
            "the local administration",
        ),
        (
            "Further north, the Syrian army said it was fighting on the outskirts of Homs.",
            "the Syrian army",
        ),
        (
            "Mohammed al-Ali, a former officer who defected in 2013, said the army was rotting.",
            "Mohammed al-Ali",
        ),
        (
            "The UAE, accused by UN experts of arming the RSF, has denied arming either side.",
            "The UAE",
        ),
        (
            "Turkey, which backs some factions, could emerge the winner, said Selin Arslan.",
            "Selin Arslan",
        ),
        ("Soldiers have not been paid since October, and many have left, he said.", "he"),
        (
            "The US-backed, Kurdish-led Syrian Democratic Forces said they held the dam.",
            "The Syrian Democratic Forces",
        ),
        (
            "The UN-backed Integrated Food Security Phase Classification (IPC) said so.",
            "The Integrated Food Security Phase Classification",
        ),
        ("It said two of its volunteers were among the wounded.", "It"),
        (
            "One defector estimated that fewer than half of the soldiers had reported for duty.",
            "One defector",
        ),
        ("The army's commander cautioned that the line might not hold.", "The army's commander"),
        (
            "Army chief Gen. Abdel Fattah al-Burhan vowed on Monday to fight on.",
            "Army chief Gen. Abdel Fattah al-Burhan",
        ),
        ("CTP-ISW previously assessed that HTS seeks to reassure Alawite communities.", "CTP-ISW"),
        (
            "Satellite imagery reviewed by CLSS shows that two naval vessels left Tartus.",
            "Satellite imagery reviewed by CLSS",
        ),
        (
            "Local contacts in Homs report that checkpoints were abandoned.",
            "Local contacts in Homs",
        ),
        ("We assess that the army is unlikely to hold Homs for long.", None),
        ("CNN cannot independently verify those reports.", None),
        ("Militia fighters crossed into Syria, a claim denied by Iraq's government.", None),
    ],
)
def test_the_source_is_the_phrase_that_does_the_saying(sentence: str, source: str | None) -> None:
    assert find_attribution(sentence) == source


def test_it_and_he_take_the_source_of_the_claim_before() -> None:
    document = parse_text(
        "The Syrian Defence Ministry said its forces had redeployed outside Hama.\n"
        "It said Russian and Syrian jets had struck rebel convoys.\n"
        "Mohammed al-Ali, a former officer, said the army was rotting. "
        "Many have not been paid since October, he said.\n",
        "a.txt",
    )
    assert [c.attribution for c in document.claims] == [
        "The Syrian Defence Ministry",
        "The Syrian Defence Ministry",
        "Mohammed al-Ali",
        "Mohammed al-Ali",
    ]


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("It appears that the RSF is massing fighters near El Obeid.", True),
        ("Reuters could not independently verify the claim.", True),
        ("CNN cannot independently verify those reports.", True),
        ("Residents were reported to have fled Homs for the coast.", True),
        ("Militias are believed to have moved fighters to Homs.", True),
        ("The army is likely to lose Homs within days.", True),
        ("Some accounts purportedly tracked flights out of Damascus.", True),
        ("The claim is unconfirmed.", True),
        ("Desertion appears widespread.", True),
        ("A negotiated transfer of power cannot be ruled out.", True),
        ("It captured the village, a claim Kyiv has not confirmed.", True),
        ("The UN did not immediately confirm the attack.", True),
        ("We have not been able to confirm this independently.", True),
        ("The regime's collapse now looks possible within days.", True),
        ("The video was an apparent reference to the 1982 massacre.", True),
        ("Assad has not appeared in public since Friday.", False),
        ("The offensive could not have been launched without Ankara's approval.", False),
        ("The army has not commented on the situation.", False),
    ],
)
def test_hedges(sentence: str, hedged: bool) -> None:
    assert bool(find_hedges(sentence)) is hedged


def _names(sentence: str) -> list[tuple[str, str]]:
    found = find_names(sentence, 0, len(sentence))
    return [(m.name, m.kind) for m in found.mentions]


@pytest.mark.parametrize(
    ("sentence", "unlisted"),
    [
        ("The fighter, Hassan al-Khatib, told Reuters by phone.", ["Hassan al-Khatib", "Reuters"]),
        (
            "Nour Sabbagh, a fellow at the Middle East Institute, said so.",
            ["Nour Sabbagh", "Middle East Institute"],
        ),
        ("NATO Secretary General Mark Rutte spoke on Dec. 3.", ["Mark Rutte"]),
        (
            "The rebel Military Operations Command said it took Rastan.",
            ["Military Operations Command"],
        ),
        ("Fighters captured Hama Military Airport by the afternoon.", ["Hama Military Airport"]),
        (
            "The SAA 25th Special Missions Forces Division redeployed.",
            ["25th Special Missions Forces Division"],
        ),
        ("Residents of the al-Jamiliyeh district stayed home.", ["al-Jamiliyeh"]),
        (
            "Images analysed by Yale's Humanitarian Research Lab show fires.",
            ["Yale's Humanitarian Research Lab"],
        ),
        ("Russia's Defence Ministry said its aircraft hit depots on Thursday.", []),
        ("Thousands of Kurdish residents left the city on Monday.", []),
        ("A sect of Shiite Islam to which Syria's president belongs.", []),
    ],
)
def test_names_the_gazetteer_lacks_are_entities(sentence: str, unlisted: list[str]) -> None:
    assert [name for name, kind in _names(sentence) if kind == UNLISTED] == unlisted


def test_listed_entities_keep_their_names_and_syrian_is_not_syria() -> None:
    found = _names("The Syrian Civil Defense said Syrian troops left Hama-Homs road in Syria.")
    assert found == [
        ("White Helmets", "group"),
        ("Hama", "place"),
        ("Homs", "place"),
        ("Syria", "country"),
    ]


def test_an_unlisted_name_is_found_with_entity(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Russian forces advanced near Pokrovsk on Friday, officials said.\n", "utf-8"
    )
    library = Library.open(tmp_path / "library.db", backup=False)
    try:
        library.import_files([article])
        (hit,) = library.search("entity:pokrovsk").hits
        assert "Pokrovsk" in hit.claim.entities
    finally:
        library.close()


SUDAN = (
    "The Rapid Support Forces (RSF) shelled el-Fasher, aid workers said.\n"
    "Sudanese army aircraft struck RSF positions around Nyala in Darfur.\n"
    "The RSF accused the army of killing civilians in Darfur.\n"
    "The UAE denied supplying weapons to the RSF, which it said was false.\n"
)


def test_another_war_is_outside_the_taxonomy_and_unfiled() -> None:
    document = parse_text(SUDAN, "sudan.txt")
    assert document.scope_note == (
        "about the war in Sudan (Rapid Support Forces, el-Fasher, Sudan), not the war in Syria"
    )
    assert all(not claim.themes for claim in document.claims)


def test_a_passing_mention_of_another_war_keeps_a_syria_article_in_scope() -> None:
    document = parse_text(
        "Russia's military, stretched by war in Ukraine, cut its air group at Hmeimim.\n"
        "Rebels swept into Aleppo and Hama as the Syrian army withdrew.\n"
        "Assad's forces dug in around Homs.\n",
        "syria.txt",
    )
    assert document.scope_note is None
    assert all(claim.themes for claim in document.claims)


def _primary(text: str) -> list[str | None]:
    document = parse_text(text, "a.txt")
    return [next((t.key for t in c.themes if t.is_primary), None) for c in document.claims]


def test_cue_words_inside_names_are_no_cues() -> None:
    assert _primary(
        "The Syrian Civil Defense said its teams pulled 14 bodies from the rubble"
        " after a Russian air strike.\n"
        "The Israel Defense Forces have reinforced their positions on the Golan Heights.\n"
        "A US defense official said the troops in Syria were told to stay in their positions.\n"
    ) == ["foreign-forces", "foreign-forces", "foreign-forces"]


def test_an_x_based_monitor_is_no_foreign_cue() -> None:
    assert _primary(
        "The Syrian Observatory for Human Rights, a Britain-based monitor,"
        " said rebels overran an army post.\n"
    ) == ["offensive"]


def test_a_claim_that_points_back_takes_the_themes_of_the_one_before() -> None:
    document = parse_text(
        "Hezbollah has sent 2,000 fighters from Lebanon into Syria.\n"
        "The group has not publicly commented.\n"
        "CNN cannot independently verify those reports.\n",
        "a.txt",
    )
    assert [[t.key for t in c.themes] for c in document.claims] == [["foreign-forces"]] * 3
