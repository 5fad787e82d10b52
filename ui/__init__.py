"""The PySide6 desktop face of 客户资源管理 (thin: widgets call app/ services)."""
