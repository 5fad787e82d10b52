"""What a use case changed, so that open views refresh only what is stale (the GUI broadcasts it)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

# the kinds of data a use case can change; views name the ones they show
KINDS = frozenset({"customer", "contact", "order", "return", "receipt", "allocation", "code", "salesperson",
                   "product", "user", "settings", "followup"})

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[str] = frozenset()
    ids: frozenset[tuple[str, int]] = frozenset()  # (kind, id) of the records changed, when known

    def __post_init__(self) -> None:
        unknown = self.kinds - KINDS
        if unknown:
            raise ValueError(f"unknown change kinds: {sorted(unknown)}")

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)

    def __bool__(self) -> bool:
        return bool(self.kinds)


NOTHING = Changes()


def changed(*kinds: str, ids: Iterable[tuple[str, int]] = ()) -> Changes:
    return Changes(frozenset(kinds), frozenset(ids))


def changes(*kinds: str) -> Callable[[F], F]:
    """Mark a use case whose result does not say what it changed (a count, a master-data item) with the kinds it
    always changes; `changes_of` reads it."""
    def mark(fn: F) -> F:
        fn.changes = changed(*kinds)  # type: ignore[attr-defined]
        return fn

    return mark


def changes_of(fn: Callable[..., Any], result: Any) -> Changes:
    """What a finished use case changed: its result's `changes`, else the kinds it is marked with."""
    found = getattr(result, "changes", None)
    if isinstance(found, Changes):
        return found
    return getattr(fn, "changes", NOTHING)
