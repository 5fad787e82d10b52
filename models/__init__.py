"""The ORM: every table of the application, importable from one place."""
from models.base import Base
from models.care import CareTask, ReminderState
from models.codes import CODE_KINDS, CodeEntry
from models.customers import (
    BlacklistHistory,
    Contact,
    CreditHistory,
    Customer,
    FollowUp,
    OwnerHistory,
    StatusHistory,
)
from models.documents import (
    Allocation,
    OrderLine,
    Receipt,
    ReturnLine,
    SalesOrder,
    SalesReturn,
)
from models.ledger_cache import CustomerTotals, MoneyDirty, OpenItem
from models.people import Salesperson, User
from models.products import Product
from models.system import AuditLog, DocCounter, Setting

__all__ = [
    "Allocation",
    "AuditLog",
    "Base",
    "BlacklistHistory",
    "CODE_KINDS",
    "CareTask",
    "CodeEntry",
    "Contact",
    "CreditHistory",
    "Customer",
    "CustomerTotals",
    "DocCounter",
    "FollowUp",
    "MoneyDirty",
    "OpenItem",
    "OrderLine",
    "OwnerHistory",
    "Product",
    "Receipt",
    "ReminderState",
    "ReturnLine",
    "SalesOrder",
    "SalesReturn",
    "Salesperson",
    "Setting",
    "StatusHistory",
    "User",
]
