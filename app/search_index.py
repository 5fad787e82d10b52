"""The customer search as the user types, answered from memory on the embedded database: the same rule as
`app.search.customer_match` and the same filters and order as `app.customer_list.matching_ids`, kept equal by a test.

Scanning 100,000 customers' pinyin keys with instr() costs ~50 ms a keystroke; the same scan over strings in memory,
with the code and 助记码 prefixes found by binary search, ~10 ms. The copy follows the file: SQLite's `data_version`
on a connection of its own says when any other connection (this program's or another PC's) has committed, and the
copy is read again. On PostgreSQL it answers nothing and the SQL search runs.
"""
from __future__ import annotations

import sqlite3
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from app import auth
from app.bulk import building
from app.context import Actor
from app.pinyin import normalize
from models import Contact, Customer


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


@dataclass
class _Copy:
    ids: list[int]  # in code order
    codes: list[str]
    keys: list[str]
    names: list[str]
    short_names: list[str]
    by_mnemonic: list[tuple[str, int]]  # (mnemonic, position), sorted
    fields: dict[str, list[Any]]  # filter columns by position
    phones: dict[int, str]  # customer id -> its contacts' phones, joined
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
                self._copy, self._version = self._read(), version
            return self._copy
        finally:
            self._lock.release()

    def _read(self) -> _Copy:
        columns = [Customer.id, Customer.code, Customer.pinyin, Customer.name, Customer.short_name,
                   Customer.mnemonic, *[getattr(Customer, f) for f in self.FILTERS]]
        with building(), self.engine.connect() as conn:  # the driver's own rows: no Row object per customer
            rows = conn.execute(select(*columns).order_by(Customer.code)).cursor.fetchall()
            phones: dict[int, list[str]] = {}
            for cid, phone, mobile in conn.execute(
                    select(Contact.customer_id, Contact.phone, Contact.mobile)).cursor.fetchall():
                phones.setdefault(cid, []).extend(p for p in (phone, mobile) if p)
            columns_of = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
            return _Copy(
                ids=list(columns_of[0]), codes=list(columns_of[1]), keys=[k or "" for k in columns_of[2]],
                names=[n or "" for n in columns_of[3]], short_names=[n or "" for n in columns_of[4]],
                by_mnemonic=sorted((m, n) for n, m in enumerate(columns_of[5]) if m is not None),
                fields={f: list(columns_of[6 + k]) for k, f in enumerate(self.FILTERS)},  # flags as 0/1 on SQLite
                phones={cid: "|".join(p) for cid, p in phones.items()},
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
            low = bisect_left(c.by_mnemonic, (joined,))
            high = bisect_left(c.by_mnemonic, (_after(joined),))
            initials = sorted(position for _m, position in c.by_mnemonic[low:high])
        if _has_cjk(q):
            anywhere = [n for n, (name, short) in enumerate(zip(c.names, c.short_names, strict=True))
                        if q in name or q in short]
        else:
            anywhere = [n for n, keys in enumerate(c.keys) if joined in keys]
        digits = q.replace(" ", "").replace("-", "")
        if digits.isdigit() and len(digits) >= 3:
            with_phone = {cid for cid, phones in c.phones.items() if digits in phones}
            if with_phone:
                anywhere = sorted(set(anywhere) | {n for n, cid in enumerate(c.ids) if cid in with_phone})
        # rank 0 code prefix, 1 助记码 prefix, 2 anything else; each in code order (positions are in code order)
        taken = bytearray(len(c.ids))
        ranked: list[list[int]] = []
        for positions in ([n for lo, hi in code_ranges for n in range(lo, hi)], initials, anywhere):
            fresh = [n for n in positions if not taken[n]]
            for n in fresh:
                taken[n] = 1
            ranked.append(sorted(set(fresh)) if positions is not anywhere else fresh)
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
        f = c.fields
        keeps: list[bytes] = []  # one per filter: 1 where a customer passes it
        if key[0] is not None:
            mine = actor.salesperson_id
            keeps.append(bytes(o is None or (mine is not None and o == mine) for o in f["owner_id"]))
        if not flt.include_archived:
            keeps.append(bytes(not a for a in f["archived"]))
        for name, value in (("type_id", flt.type_id), ("region_id", flt.region_id), ("industry_id", flt.industry_id),
                            ("owner_id", flt.owner_id), ("status", flt.status), ("grade", flt.grade)):
            if value is not None:
                keeps.append(bytes(v == value for v in f[name]))
        if flt.shared_pool:
            keeps.append(bytes(o is None for o in f["owner_id"]))
        if flt.blacklisted is not None:
            wanted = bool(flt.blacklisted)
            keeps.append(bytes(bool(b) == wanted for b in f["blacklisted"]))
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


def _prefix_range(values: list[str], prefix: str) -> tuple[int, int]:
    """Positions of the sorted `values` in [prefix, prefix⁺): SQL's `col >= p AND col < p⁺`."""
    return bisect_left(values, prefix), bisect_left(values, _after(prefix))

