"""Which language a text is in, offline and in microseconds: the script first, then the share of
each language's commonest words. Enough to refuse a German or Russian article instead of producing
noise; not a general-purpose identifier."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 20_000
MIN_WORDS = 30
MIN_ENGLISH_SHARE = 0.06
"""English running text has a quarter or more of its words among the profile's; a long text
with under 6% is no English even when no other profile fits."""

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for on with as was by it at from are be this have has said "
        "not but they were he she an which their its will would been who or",
        "de": "der die und das ist nicht ein eine mit auf für von dem den sich des auch im zu es "
        "wird sind wurde bei nach aus",
        "fr": "le la les et des est une dans pour que qui pas sur du au avec par sont ce cette "
        "ont été il elle",
        "es": "el la los las y de que en un una es por con para del al se como más pero fue "
        "sus ha son",
        "it": "il lo la gli le e di che un una è per con non del della sono nel alla ha anche come",
        "pt": "o a os as e de que em um uma é para com não do da dos das no na foi ao",
        "nl": "de het een en van is dat op te in met voor niet zijn er door aan ook bij werd",
        "pl": "i w na nie z się do że to jest o jak po od za przez są dla",
        "tr": "ve bir bu da de için ile olarak çok daha olan gibi ama en",
        "sv": "och att det som en på är av för med till den har inte om ett",
        "cs": "a v se na je že to s z do o jako ale pro jsou by byl podle nebo které jeho už také "
        "jsme není bylo při",
        "ro": "și în de la cu a pe nu din că o pentru este care mai au fost sunt sau ca",
        "hu": "a az és hogy nem is egy meg van volt már csak de ez mint el",
        "fi": "ja on ei se että oli hän mutta ovat kun myös tai sen joka",
        "id": "yang dan di ini itu dengan untuk dari tidak dalam akan pada juga ke",
        "da": "og i at det er en til på af med for ikke den har som de",
    }.items()
}

_SCRIPTS = (
    ("CYRILLIC", "ru"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
)
_UKRAINIAN_LETTERS = frozenset("іїєґ")


def detect_language(text: str) -> str:
    """An ISO 639-1 code; "en" for English."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "en"
    scripts: Counter[str] = Counter()
    for ch in letters:
        if ch.isascii():
            scripts["LATIN"] += 1
            continue
        name = unicodedata.name(ch, "")
        scripts[next((code for key, code in _SCRIPTS if name.startswith(key)), "LATIN")] += 1
    script, count = scripts.most_common(1)[0]
    if script in ("zh", "ja") and scripts["ja"] > 0.1 * (scripts["ja"] + scripts["zh"]):
        return "ja"  # Japanese writes kanji among its kana
    if script != "LATIN" and count > 0.3 * len(letters):
        if (
            script == "ru"
            and sum(ch.lower() in _UKRAINIAN_LETTERS for ch in letters) > 0.005 * count
        ):
            return "uk"
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "en"
    hits = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    if best != "en" and hits[best] > 1.5 * hits["en"] and hits[best] >= 3:
        return best
    if len(words) >= MIN_WORDS and hits["en"] < MIN_ENGLISH_SHARE * len(words):
        return "und"  # a Latin-script language without a profile here
    return "en"
