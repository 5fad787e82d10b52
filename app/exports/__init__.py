"""Exports and printouts: every list, report, document and dossier as an Excel workbook or a PDF (one layout for the
PDF file, the print preview and the paper)."""
