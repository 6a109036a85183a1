"""The fuzz harness (harness.py): random programs and edge-value arguments."""
