"""Indexing a corpus: one-pass counting, the corpus index, the engine and its saved form."""
