"""Pinyin keys for quick search: full pinyin, initials (助记码) and every reading of polyphones.

pypinyin (0.2 s and 20 MB to import, most of it its phrase dictionary) is imported the first time a key is made,
so a process that only reads — a report, a credit check, the desktop until someone saves a name — never loads it.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Any


def normalize(text: str) -> str:
    """Case- and width-insensitive form of what a user types (full-width → half-width, lower case)."""
    return unicodedata.normalize("NFKC", text or "").lower().strip()


@functools.cache
def _pypinyin() -> Any:
    import pypinyin

    return pypinyin


def _syllables(name: str) -> list[str]:
    # phrase-aware primary reading: 重庆 -> chong qing, 银行 -> yin hang
    p = _pypinyin()
    return p.lazy_pinyin(normalize(name), style=p.Style.NORMAL, errors=lambda s: list(s))


@functools.lru_cache(maxsize=4096)
def _clean_syllables(name: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _syllables(name) if s.strip())


def initials(name: str) -> str:
    """The 助记码 derived from a name: first letter of each syllable, letters and digits kept."""
    return _initials_of(_clean_syllables(name))


@functools.cache
def _phrase_readings() -> dict[str, frozenset[str]]:
    """Every reading each character takes in pypinyin's phrase dictionary (built once, ~0.1 s).

    pypinyin's per-character data also lists archaic readings (有 wei, 司 ci, 市 fu); a reading no
    phrase uses is one nobody types, and would only lengthen the keys every search scans.
    """
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.phrases_dict import phrases_dict

    plain = functools.cache(to_normal)
    found: dict[str, set[str]] = {}
    for phrase, readings in phrases_dict.items():
        if len(phrase) == len(readings):
            for char, options in zip(phrase, readings, strict=True):
                found.setdefault(char, set()).update(plain(r) for r in options)
    return {char: frozenset(r) for char, r in found.items()}


@functools.lru_cache(maxsize=20000)
def _readings(char: str) -> tuple[str, ...]:
    """The readings of one character people use (重 → zhong, chong; 有 → you only), at most four."""
    p = _pypinyin()
    found = p.pinyin(char, style=p.Style.NORMAL, heteronym=True, errors=lambda s: list(s))
    if not found or not found[0]:
        return (char,)
    readings = found[0]
    used = _phrase_readings().get(char)
    if len(readings) > 1 and used is not None:
        readings = [r for i, r in enumerate(readings) if i == 0 or r in used]
    return tuple(readings[:4])


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


def customer_keys(code: str | None, name: str, short_name: str | None) -> str:
    """A customer's search keys: its code (lower case) first, so one substring test covers code and names."""
    code_key = normalize(code or "").replace(" ", "")
    return "|".join(k for k in (code_key, search_keys(name, short_name)) if k)
