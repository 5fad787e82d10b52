"""跟进记录: the follow-up list per salesperson and week, exportable and printable."""
