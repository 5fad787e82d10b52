"""Reusable widgets shared by every view (the pinyin picker)."""
