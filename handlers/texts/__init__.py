"""The texts catalogue: one class per language, Vietnamese first."""

from handlers.texts.en import En
from handlers.texts.vi import Vi

Texts = type[Vi]
LANGUAGES: dict[str, Texts] = {"vi": Vi, "en": En}


def for_language(language: str | None, default: str = "vi") -> Texts:
    """The catalogue for `language`, falling back to the default language."""
    return LANGUAGES.get(language or default, LANGUAGES.get(default, Vi))


__all__ = ["LANGUAGES", "En", "Texts", "Vi", "for_language"]
