"""Exports of the report figures and rows (pandas → XLSX / ODS / CSV, odfpy → ODT)."""
