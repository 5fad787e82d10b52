"""提醒: the reminder panel shown after login, the toolbar badge with the count, and opening each item's record."""
