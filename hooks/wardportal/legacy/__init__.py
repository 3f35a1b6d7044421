"""Importing articles saved as plain text from the old portals (see scripts/import_legacy.py).

decoding → layouts (header facts and body blocks) → convert (front matter + Markdown) →
importer (files, naming, duplicates, atomic writes).
"""
