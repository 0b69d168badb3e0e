"""Benchmarks of shared measurement on PostgreSQL: `make bench` (see bench/run.py)."""
