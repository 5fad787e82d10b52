"""The customer search as the user types, answered from memory on the embedded database: the same rule as
`app.search.customer_match` and the same filters and order as `app.customer_list.matching_ids`, kept equal by a test.

Scanning 100,000 customers' pinyin keys with instr() costs ~50 ms a keystroke; the same scan over strings in memory,
with the code and 助记码 prefixes found by binary search, ~10 ms. The copy follows the file: SQLite's `data_version`
on a connection of its own says when any other connection (this program's or another PC's) has committed, and the
copy is read again. On PostgreSQL it answers nothing and the SQL search runs.

The copy is kept small (~38 MB at 100,000 customers, was ~79 MB). What is scanned — pinyin keys, names, phones —
stays one string per customer (name and short name in one), because `needle in item` over a list of strings is the
fastest scan when nearly every customer matches (one letter): a single joined string searched with find() costs a
Python step per hit, 5 times as much. What is only bisected — codes, 助记码 — is packed into one string with an array
of end offsets; ids and positions are arrays; a filter column is a code per customer into its few distinct values.
"""
from __future__ import annotations

import sqlite3
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain
from typing import Any

from sqlalchemy import Engine, select

from app import auth
from app.bulk import building
from app.context import Actor
from app.pinyin import normalize
from models import Contact, Customer

# Between a customer's name and short name in `_Copy.names`: NFKC folds it to "!", so a normalized query never holds
# it and never matches across the two — a hit in the pair is a hit in one of them, as `q in name or q in short`.
APART = "\uff01"
CHUNK = 5000  # customers read at a time: not all 100,000 wide rows in memory at once


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


class _Packed:
    """Strings end to end in one string, found by their end offsets: what a binary search needs (a few dozen
    slices a keystroke) in a sliver of the memory of a list of strings."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.text = ""
        self.ends: array[int] = array("I")
        self.extend(values)

    def extend(self, values: Iterable[str]) -> None:
        values = list(values)
        base = len(self.text)
        self.ends.extend(base + end for end in accumulate(map(len, values)))
        self.text += "".join(values)

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, n: int) -> str:
        return self.text[self.ends[n - 1] if n else 0:self.ends[n]]

    def __iter__(self) -> Iterator[str]:
        return map(self.text.__getitem__, map(slice, chain((0,), self.ends), self.ends))


@dataclass
class _Column:
    """A filter column by position: a code per customer into the column's distinct values."""

    values: list[Any]
    codes: bytes | array[int]  # bytes while there are at most 256 distinct values

    @classmethod
    def of(cls, index: dict[Any, int], codes: array[int]) -> _Column:
        return cls(list(index), array("B", codes).tobytes() if len(index) <= 256 else codes)

    def keep(self, test: Callable[[Any], bool]) -> bytes:
        """1 at the positions whose value passes `test`, 0 elsewhere: `test` runs once per distinct value."""
        table = bytes(bool(test(v)) for v in self.values)
        if isinstance(self.codes, bytes):
            return self.codes.translate(table.ljust(256, b"\0"))
        return bytes(map(table.__getitem__, self.codes))


@dataclass
class _Copy:
    ids: array[int]  # in code order: a customer's position is its index here
    codes: _Packed
    keys: list[str]  # pinyin keys by position
    names: list[str]  # name + APART + short name by position
    mnemonics: _Packed  # sorted
    mnemonic_at: array[int]  # the position of each of `mnemonics`
    phones: list[str]  # contacts' phones joined with "|", of the customers that have any
    phone_at: array[int]  # their positions
    columns: dict[str, _Column]  # filter columns
    masks: dict[tuple, bytearray | None] = field(default_factory=dict)  # filter -> positions kept


class CustomerIndex:
    """One database's customers in memory for the search; `match` answers, or None when it cannot."""

    FILTERS = ("archived", "owner_id", "type_id", "region_id", "industry_id", "status", "grade", "blacklisted")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._copy: _Copy | None = None
        self._version: int | None = None
        self._watch: sqlite3.Connection | None = None

    @property
    def usable(self) -> bool:
        return self.engine.dialect.name == "sqlite" and bool(self.engine.url.database) \
            and self.engine.url.database != ":memory:"

    def _data_version(self) -> int:
        if self._watch is None:
            self._watch = sqlite3.connect(f"file:{self.engine.url.database}?mode=ro", uri=True,
                                          check_same_thread=False)
        return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def _fresh(self, wait: bool = True) -> _Copy | None:
        """The copy, read again first when another connection has committed since. Without `wait`, None while
        another thread is reading it (the first keystrokes while the tab's background read runs)."""
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            version = self._data_version()
            if self._copy is None or version != self._version:
                self._copy = None  # the old copy goes before the new one is read
                self._copy, self._version = self._read(), version
            return self._copy
        finally:
            self._lock.release()

    def _read(self) -> _Copy:
        columns = [Customer.id, Customer.code, Customer.pinyin, Customer.name, Customer.short_name,
                   Customer.mnemonic, *[getattr(Customer, f) for f in self.FILTERS]]
        ids: array[int] = array("q")
        codes, mnemonics = _Packed(), _Packed()
        mnemonic_at: array[int] = array("I")
        keys: list[str] = []
        names: list[str] = []
        phones: list[str] = []
        phone_at: array[int] = array("I")
        found: list[dict[Any, int]] = [{} for _ in self.FILTERS]  # each filter's distinct values -> their code
        coded: list[array[int]] = [array("I") for _ in self.FILTERS]
        # Rows live a chunk at a time, the 助记码 are sorted at the end: few short-lived objects sit between the kept
        # ones, so what is freed frees whole arenas of memory, which go back to the system.
        with building(), self.engine.connect() as conn:
            phones_of: dict[int, list[str]] = {}
            for cid, phone, mobile in conn.execute(select(Contact.customer_id, Contact.phone, Contact.mobile)).cursor:
                if phone or mobile:
                    phones_of.setdefault(cid, []).extend(p for p in (phone, mobile) if p)
            cursor = conn.execute(select(*columns).order_by(Customer.code)).cursor  # the driver's own rows
            while rows := cursor.fetchmany(CHUNK):
                first = len(ids)
                cid, code, key, name, short, mnemonic, *flags = zip(*rows, strict=True)
                ids.extend(cid)
                codes.extend(code)
                keys.extend([k or "" for k in key])
                names.extend([f"{n or ''}{APART}{s or ''}" for n, s in zip(name, short, strict=True)])
                mnemonics.extend(m for m in mnemonic if m)  # no query (never empty) is the prefix of an empty one
                mnemonic_at.extend(n for n, m in enumerate(mnemonic, start=first) if m)
                for n, c in enumerate(cid, start=first):
                    if c in phones_of:
                        phones.append("|".join(phones_of[c]))
                        phone_at.append(n)
                for index, values, column in zip(found, coded, flags, strict=True):  # flags as 0/1 on SQLite
                    values.extend([index.setdefault(v, len(index)) for v in column])
            every = list(mnemonics)
            order = sorted(range(len(every)), key=every.__getitem__)
            return _Copy(
                ids=ids, codes=codes, keys=keys, names=names,
                mnemonics=_Packed(every[n] for n in order), mnemonic_at=array("I", [mnemonic_at[n] for n in order]),
                phones=phones, phone_at=phone_at,
                columns={f: _Column.of(index, values)
                         for f, index, values in zip(self.FILTERS, found, coded, strict=True)},
            )

    def prepare(self) -> None:
        """Read the copy now (in the background, before the first keystroke)."""
        if self.usable:
            self._fresh()

    def match(self, actor: Actor, flt: Any) -> list[int] | None:
        """The ids of `flt` (an app.customer_list.CustomerFilter with text) in the search's order, or None: on
        PostgreSQL, and while the copy is being read in the background — the SQL search answers then."""
        q = normalize(flt.text)
        if not self.usable or not q:
            return None
        c = self._fresh(wait=False)
        if c is None:
            return None
        joined = q.replace(" ", "")
        code_ranges = sorted({_prefix_range(c.codes, p) for p in {flt.text.strip(), q, q.upper()} if p})
        initials: list[int] = []
        if joined:
            low, high = _prefix_range(c.mnemonics, joined)
            initials = sorted(c.mnemonic_at[low:high])
        if _has_cjk(q):
            anywhere = [n for n, names in enumerate(c.names) if q in names]
        else:
            anywhere = [n for n, keys in enumerate(c.keys) if joined in keys]
        digits = q.replace(" ", "").replace("-", "")
        if digits.isdigit() and len(digits) >= 3:
            with_phone = [c.phone_at[k] for k, phones in enumerate(c.phones) if digits in phones]
            if with_phone:
                anywhere = sorted({*anywhere, *with_phone})
        # rank 0 code prefix, 1 助记码 prefix, 2 anything else; each in code order (positions are in code order)
        free = bytearray(b"\x01") * len(c.ids)  # 1: not ranked yet
        by_code: list[int] = []
        for lo, hi in code_ranges:  # sorted: their union, each position once
            by_code.extend(range(max(lo, by_code[-1] + 1) if by_code else lo, hi))
            free[lo:hi] = bytes(hi - lo)
        by_mnemonic = [n for n in initials if free[n]]  # sorted, a customer once (one 助记码 each)
        for n in by_mnemonic:
            free[n] = 0
        ranked = (by_code, by_mnemonic, [n for n in anywhere if free[n]])
        mask = self._mask(actor, flt, c)
        ids = c.ids
        if mask is None:
            return [ids[n] for group in ranked for n in group]
        return [ids[n] for group in ranked for n in group if mask[n]]

    def _mask(self, actor: Actor, flt: Any, c: _Copy) -> bytearray | None:
        """Which positions the filters and the actor's view keep (None: all), made once per copy and filter."""
        key = (None if auth.can(actor, "customers.view_all") else actor.salesperson_id or -1,
               flt.include_archived, flt.type_id, flt.region_id, flt.industry_id, flt.owner_id, flt.status, flt.grade,
               flt.shared_pool, flt.blacklisted)
        if key in c.masks:
            return c.masks[key]
        col = c.columns
        keeps: list[bytes] = []  # one per filter: 1 where a customer passes it
        if key[0] is not None:
            mine = actor.salesperson_id
            keeps.append(col["owner_id"].keep(lambda o: o is None or (mine is not None and o == mine)))
        if not flt.include_archived:
            keeps.append(col["archived"].keep(lambda a: not a))
        for name, value in (("type_id", flt.type_id), ("region_id", flt.region_id), ("industry_id", flt.industry_id),
                            ("owner_id", flt.owner_id), ("status", flt.status), ("grade", flt.grade)):
            if value is not None:
                keeps.append(col[name].keep(lambda v, value=value: v == value))
        if flt.shared_pool:
            keeps.append(col["owner_id"].keep(lambda o: o is None))
        if flt.blacklisted is not None:
            wanted = bool(flt.blacklisted)
            keeps.append(col["blacklisted"].keep(lambda b: bool(b) == wanted))
        mask = None
        if keeps:  # all of them: one big-integer AND instead of a test per customer and filter
            every = int.from_bytes(keeps[0], "big")
            for keep in keeps[1:]:
                every &= int.from_bytes(keep, "big")
            mask = bytearray(every.to_bytes(len(c.ids), "big"))
        c.masks[key] = mask
        return mask

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None


def _after(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _prefix_range(values: _Packed, prefix: str) -> tuple[int, int]:
    """Positions of the sorted `values` in [prefix, prefix⁺): SQL's `col >= p AND col < p⁺`."""
    return bisect_left(values, prefix), bisect_left(values, _after(prefix))
