"""Pinyin keys for quick search: full pinyin, initials (助记码) and every reading of polyphones."""
from __future__ import annotations

import itertools
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin

_MAX_VARIANTS = 16


def normalize(text: str) -> str:
    """Case- and width-insensitive form of what a user types (full-width → half-width, lower case)."""
    return unicodedata.normalize("NFKC", text or "").lower().strip()


def _syllables(name: str) -> list[str]:
    # phrase-aware primary reading: 重庆 -> chong qing, 银行 -> yin hang
    return lazy_pinyin(normalize(name), style=Style.NORMAL, errors=lambda s: list(s))


def initials(name: str) -> str:
    """The 助记码 derived from a name: first letter of each syllable, letters and digits kept."""
    out = []
    for syl in _syllables(name):
        syl = syl.strip()
        if syl and syl[0].isascii() and syl[0].isalnum():
            out.append(syl[0])
    return "".join(out)


def search_keys(*names: str | None) -> str:
    """Text searched by substring: full pinyin (spaced and joined) and initials for every reading."""
    keys: list[str] = []
    for name in names:
        if not name:
            continue
        syl = [s for s in _syllables(name) if s.strip()]
        keys.append("".join(syl))
        keys.append(" ".join(syl))
        readings = pinyin(normalize(name), style=Style.NORMAL, heteronym=True, errors=lambda s: list(s))
        variants = itertools.islice(itertools.product(*[r[:3] for r in readings]), _MAX_VARIANTS)
        for combo in variants:
            keys.append("".join(combo))
            keys.append("".join(c[0] for c in combo if c and c[0].isascii() and c[0].isalnum()))
    seen: dict[str, None] = dict.fromkeys(k for k in keys if k)
    return "|".join(seen)
