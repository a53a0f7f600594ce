"""Home-page cards: each app contributes `cards(user) -> list[dict]` via settings.HOME_CARDS."""

from django.conf import settings
from django.utils.module_loading import import_string


def collect_cards(user) -> list[dict]:
    cards: list[dict] = []
    for dotted in getattr(settings, "HOME_CARDS", []):
        cards.extend(import_string(dotted)(user))
    return cards
