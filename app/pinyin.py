"""Pinyin keys for quick search: full pinyin, initials (助记码) and every reading of polyphones."""
from __future__ import annotations

import functools
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin


def normalize(text: str) -> str:
    """Case- and width-insensitive form of what a user types (full-width → half-width, lower case)."""
    return unicodedata.normalize("NFKC", text or "").lower().strip()


def _syllables(name: str) -> list[str]:
    # phrase-aware primary reading: 重庆 -> chong qing, 银行 -> yin hang
    return lazy_pinyin(normalize(name), style=Style.NORMAL, errors=lambda s: list(s))


@functools.lru_cache(maxsize=4096)
def _clean_syllables(name: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _syllables(name) if s.strip())


def initials(name: str) -> str:
    """The 助记码 derived from a name: first letter of each syllable, letters and digits kept."""
    return _initials_of(_clean_syllables(name))


@functools.lru_cache(maxsize=20000)
def _readings(char: str) -> tuple[str, ...]:
    """Every reading of one character (polyphones: 重 → zhong, chong), at most four."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda s: list(s))
    return tuple(found[0][:4]) if found and found[0] else (char,)


def _initials_of(syllables: tuple[str, ...] | list[str]) -> str:
    return "".join(s[0] for s in syllables if s and s[0].isascii() and s[0].isalnum())


_BEFORE, _AFTER = 2, 3  # syllables kept around another reading of a polyphone


def search_keys(*names: str | None) -> str:
    """Text searched by substring: the joined full pinyin and the initials of each name, and for every other
    reading of a polyphonic character its initials and a short stretch of full pinyin around it (enough
    for what people type, while keeping the keys short to scan)."""
    keys: list[str] = []
    for name in names:
        if not name:
            continue
        syl = _clean_syllables(name)
        keys += ["".join(syl), _initials_of(syl)]
        chars = [ch for ch in normalize(name) if not ch.isspace()]
        if len(chars) != len(syl):  # letters/digits grouped into one syllable: no per-character variants
            continue
        for i, ch in enumerate(chars):
            for reading in _readings(ch):
                if reading != syl[i]:
                    variant = [*syl[:i], reading, *syl[i + 1:]]
                    keys += ["".join(variant[max(0, i - _BEFORE):i + 1 + _AFTER]), _initials_of(variant)]
    return "|".join(dict.fromkeys(k for k in keys if k))
