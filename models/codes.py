"""User-maintained code tables (客户类型, 地区, 行业, 职位, 商品类别, 收款方式, 跟进方式)."""
from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

# kind -> Chinese table name shown to users
CODE_KINDS: dict[str, str] = {
    "customer_type": "客户类型",
    "region": "地区",
    "industry": "行业",
    "position": "职位",
    "product_category": "商品类别",
    "payment_method": "收款方式",
    "followup_method": "跟进方式",
}


class CodeEntry(Base):
    __tablename__ = "code_entry"
    __table_args__ = (UniqueConstraint("kind", "code"), UniqueConstraint("kind", "name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
