"""Keeps the derived pinyin search keys of customers, products and salespeople in step with their names."""
from __future__ import annotations

from typing import Any

from sqlalchemy import event

from app import pinyin
from app.customers import refresh_pinyin
from models import Customer, Product, Salesperson


def _customer(_mapper: Any, _conn: Any, target: Customer) -> None:
    refresh_pinyin(target)


def _named(_mapper: Any, _conn: Any, target: Product | Salesperson) -> None:
    target.pinyin = pinyin.search_keys(target.name)
    target.initials = pinyin.initials(target.name)


for _event in ("before_insert", "before_update"):
    event.listen(Customer, _event, _customer)
    event.listen(Product, _event, _named)
    event.listen(Salesperson, _event, _named)
