"""Which articles `claims.extract` reads: English ones, whatever names they carry; an article in
another language is refused with a message that names the language. (`test_language.py` tests
the detector on single sentences.)"""

import pytest

from claims import UnsupportedLanguage, extract

ENGLISH = [
    "Zelensky and Erdoğan meet in Istanbul\n\n"
    "Volodymyr Zelensky and Recep Tayyip Erdoğan met in Istanbul on Friday. Oleksandr Kubrakov "
    "said that grain shipments from Odesa and Chornomorsk would resume next week.",
    "Kremlin rejects talks\n\n"
    "Kremlin spokesman Dmitry Peskov (Дмитрий Песков) said that the talks in Minsk were over. "
    "Sergei Lavrov and Maria Zakharova repeated the point at the Smolenskaya Square briefing.",
    "Berlin and Paris promise tanks\n\n"
    "Chancellor Olaf Scholz told the Süddeutsche Zeitung that the Bundeswehr would send more "
    "Leopard tanks, and Emmanuel Macron said that France would match the pledge.",
]

FOREIGN = [
    (
        "Mehr als 500 Soldaten getötet\n\n"
        "Das Verteidigungsministerium teilte am Freitag mit, dass mehr als 500 Soldaten getötet "
        "worden seien. Die Angaben lassen sich nicht unabhängig überprüfen, und die Gegenseite "
        "hat sich bisher nicht dazu geäußert.",
        "de",
        "German",
    ),
    (
        "Plus de 500 soldats tués\n\n"
        "Le ministère de la Défense a déclaré vendredi que plus de 500 soldats avaient été tués. "
        "Ces chiffres ne peuvent pas être vérifiés de manière indépendante, et la partie adverse "
        "ne les a pas commentés.",
        "fr",
        "French",
    ),
    (
        "Более 500 солдат убиты\n\n"
        "Министерство обороны заявило в пятницу, что более 500 солдат были убиты. Эти данные "
        "невозможно проверить независимо, а другая сторона их пока не комментировала.",
        "ru",
        "Russian",
    ),
    (
        "Понад 500 військових загинули\n\n"
        "Міністерство оборони заявило в п'ятницю, що понад 500 військових загинули. Ці дані "
        "неможливо перевірити незалежно, а інша сторона їх поки що не коментувала.",
        "uk",
        "Ukrainian",
    ),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_foreign_names_is_read_as_english(text: str) -> None:
    extraction = extract(text)
    assert extraction.language == "en"
    assert extraction.claims


@pytest.mark.parametrize("text, code, name", FOREIGN)
def test_other_languages_are_refused_by_name(text: str, code: str, name: str) -> None:
    with pytest.raises(UnsupportedLanguage) as info:
        extract(text)
    assert info.value.language == code
    assert name in str(info.value)
    assert "English" in str(info.value)  # and says what the engine does read
