"""Every text app/ writes for a user, by code, in Simplified Chinese and English (texts in catalogue.toml).

A `Message` is a code and its arguments; its text is made when it is shown, in the language the process
shows (Chinese unless the desktop was set to English), so a refusal raised in a worker thread reads in the
interface language. Arguments that are messages themselves are rendered in the same language.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("zh", "en")
CATALOGUE_FILE = Path(__file__).with_name("catalogue.toml")
_language = ["zh"]  # the language of this process's interface; the desktop sets it once at start


def set_language(language: str) -> None:
    """'zh' or 'en' (a Qt locale name like 'zh_CN' or 'en_US' is reduced to its language)."""
    short = language.split("_")[0].lower()
    _language[0] = short if short in LANGUAGES else "zh"


def language() -> str:
    return _language[0]


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """{code: {"zh": text, "en": text}}; codes are "section.name" as in the TOML file."""
    with CATALOGUE_FILE.open("rb") as f:
        data = tomllib.load(f)
    out: dict[str, dict[str, str]] = {}
    for section, entries in data.items():
        for name, texts in entries.items():
            out[f"{section}.{name}"] = texts
    return out


def _argument(value: Any, lang: str) -> str:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, Message) for v in value):
        separator = "; " if lang == "en" else "；"
        return separator.join(v.text(lang) for v in value)
    return str(value)


@dataclass(frozen=True)
class Message:
    """A user-facing text by code; `str()` gives it in the process's language."""

    code: str
    args: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        texts = catalogue().get(self.code)
        if texts is None:
            raise KeyError(f"message code {self.code!r} is not in {CATALOGUE_FILE.name}")
        template = texts.get(lang) or texts["zh"]
        return template.format(**{k: _argument(v, lang) for k, v in self.args})

    def __str__(self) -> str:
        return self.text()

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)


def msg(code: str, /, **args: Any) -> Message:
    if code not in catalogue():
        raise KeyError(f"message code {code!r} is not in {CATALOGUE_FILE.name}")
    return Message(code, tuple(args.items()))


def lines(messages: Iterable[Message | str], lang: str | None = None) -> str:
    """Several messages, one per line."""
    return "\n".join(m.text(lang) if isinstance(m, Message) else m for m in messages)


PLACEHOLDER = re.compile(r"{(\w+)[^}]*}")


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def problems(entries: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """What is wrong with the catalogue: a language missing, placeholders that differ, Chinese in English."""
    out = []
    han = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
    for code, texts in (entries or catalogue()).items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            out.append(f"{code}: no {'/'.join(missing)} text")
            continue
        if placeholders(texts["zh"]) != placeholders(texts["en"]):
            out.append(f"{code}: placeholders differ")
        if han.search(texts["en"]):
            out.append(f"{code}: Chinese in the English text")
    return out


def dump(message: Message) -> str:
    """A message as JSON text, for a column that keeps why something happened (rendered when shown)."""
    import json

    def plain(value: Any) -> Any:
        if isinstance(value, Message):
            return {"$msg": value.code, "args": {k: plain(v) for k, v in value.args}}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value if isinstance(value, (int, str)) or value is None else str(value)

    return json.dumps(plain(message), ensure_ascii=False)


def load(text: str | None) -> Message | str | None:
    """The message `dump` wrote; any other text (older rows) as it is."""
    import json

    if not text or not text.startswith('{"$msg"'):
        return text

    def back(value: Any) -> Any:
        if isinstance(value, dict) and "$msg" in value:
            return Message(value["$msg"], tuple((k, back(v)) for k, v in value["args"].items()))
        if isinstance(value, list):
            return tuple(back(v) for v in value)
        return value

    try:
        return back(json.loads(text))
    except ValueError:
        return text
