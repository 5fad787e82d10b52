"""The GUI-free core of 客户资源管理: services, rules, reports, import/export and the CLI."""
