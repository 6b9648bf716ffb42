"""Language detection: offline and cheap, enough to refuse what the engine cannot read."""

from __future__ import annotations

import pytest

from claims import UnsupportedLanguage, extract
from claims.language import detect_language

ENGLISH = [
    "The mayor said that the bridge was closed.",
    "Moscow/Kyiv: Russian Defence Ministry Spokesman Lt. Gen. Igor Konashenkov said that 575 "
    "Ukrainian soldiers were killed near Bakhmut, Kupiansk, Lyman and Ugledar on Friday.",
    "Chancellor Olaf Scholz told Die Zeit that the Bundeswehr would get new tanks, while "
    "Emmanuel Macron spoke of a « tournant » for the Élysée and Pedro Sánchez of La Moncloa.",
    "The sign read «Слава Україні» in Cyrillic, and the soldiers said it meant glory to Ukraine.",
    "Putin Zelensky Biden Xi",
]

FOREIGN = [
    (
        "Das Verteidigungsministerium teilte mit, dass die Truppen in der Nacht mehrere Angriffe "
        "abgewehrt hätten. Es wurden keine Verluste gemeldet.",
        "de",
    ),
    (
        "Le ministère de la Défense a indiqué que les troupes avaient repoussé plusieurs attaques "
        "pendant la nuit et qu'il n'y avait pas de victimes.",
        "fr",
    ),
    (
        "El Ministerio de Defensa dijo que las tropas repelieron varios ataques durante la noche y "
        "que no hubo víctimas.",
        "es",
    ),
    (
        "Il ministero della Difesa ha detto che le truppe hanno respinto diversi attacchi durante "
        "la notte e che non ci sono state vittime.",
        "it",
    ),
    (
        "O Ministério da Defesa disse que as tropas repeliram vários ataques durante a noite e que "
        "não houve vítimas.",
        "pt",
    ),
    (
        "Het ministerie van Defensie zei dat de troepen in de nacht meerdere aanvallen hadden "
        "afgeslagen en dat er geen slachtoffers waren.",
        "nl",
    ),
    (
        "Ministerstwo Obrony poinformowało, że w nocy wojska odparły kilka ataków i że nie ma "
        "ofiar. To jest pierwszy taki przypadek.",
        "pl",
    ),
    (
        "Savunma Bakanlığı, birliklerin gece boyunca birkaç saldırıyı püskürttüğünü ve kayıp "
        "olmadığını açıkladı. Bu çok önemli bir gelişme ve daha fazla bilgi için bekleniyor.",
        "tr",
    ),
    ("Министерство обороны сообщило, что ночью войска отразили несколько атак.", "ru"),
    ("Міністерство оборони повідомило, що вночі війська відбили кілька атак і втрат немає.", "uk"),
    ("وقالت وزارة الدفاع إن القوات صدت عدة هجمات خلال الليل", "ar"),
    ("国防部表示，部队在夜间击退了几次进攻。", "zh"),
    ("国防省は、部隊が夜間に数回の攻撃を撃退したと発表した。", "ja"),
    ("국방부는 군대가 밤사이 여러 차례 공격을 격퇴했다고 밝혔다.", "ko"),
    (
        "Ministerstvo obrany uvedlo, že jednotky v noci odrazily několik útoků a že nejsou žádné "
        "oběti. Podle ministerstva se situace na frontě stabilizovala a další útoky se čekají.",
        "cs",
    ),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_stays_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text, code", FOREIGN)
def test_other_languages_are_named(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_the_engine_refuses_other_languages_with_a_reason() -> None:
    with pytest.raises(UnsupportedLanguage) as info:
        extract(FOREIGN[0][0])
    assert info.value.language == "de"
    assert "German" in str(info.value)


def test_a_language_without_a_profile_is_still_not_english() -> None:
    text = (
        "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, "
        "tertiam qui ipsorum lingua Celtae, nostra Galli appellantur. Hi omnes lingua, "
        "institutis, legibus inter se differunt. Gallos ab Aquitanis Garumna flumen dividit."
    )
    assert detect_language(text) != "en"
    with pytest.raises(UnsupportedLanguage) as info:
        extract(text)
    assert "English only" in str(info.value)
