"""What the Settings page shows from the data (the settings themselves live in `lib/workspace/settings.py`)."""
from __future__ import annotations

from . import query


def promotions(con):
    """Promotions and peak events loaded from the promotions template (grain: event)."""
    return query(con, "settings__promotions")
