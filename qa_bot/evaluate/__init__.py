"""Measure retrieval and answer accuracy on question sets (the `qa-bot eval` harness)."""
