"""Benchmarks: generated corpora, measurement in a subprocess, the report."""
