"""Input the engine refuses, each with a message fit to show a user as is."""


class ExtractionError(ValueError):
    """Base class: `str(exc)` is a user-safe explanation."""


class EmptyInput(ExtractionError):
    def __init__(self) -> None:
        super().__init__("The text is empty: send or forward an article, a post or a link.")


class NotAnArticle(ExtractionError):
    def __init__(self, why: str) -> None:
        super().__init__(f"This does not look like a news text ({why}).")


class UnsupportedLanguage(ExtractionError):
    def __init__(self, language: str) -> None:
        self.language = language
        super().__init__(
            f"This text looks like {language_name(language)}; Claimwatch reads English only so far."
        )


_NAMES = {
    "ru": "Russian",
    "uk": "Ukrainian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "nl": "Dutch",
    "tr": "Turkish",
    "ar": "Arabic",
    "he": "Hebrew",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "fa": "Persian",
    "hi": "Hindi",
    "el": "Greek",
    "sv": "Swedish",
    "da": "Danish",
    "cs": "Czech",
    "ro": "Romanian",
    "hu": "Hungarian",
    "fi": "Finnish",
    "id": "Indonesian",
    "th": "Thai",
    "und": "a language other than English",
}


def language_name(code: str) -> str:
    return _NAMES.get(code, f"a language other than English ({code})")
