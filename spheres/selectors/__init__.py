"""Reads of spheres, a module per slice, in a number of queries that does not grow with the data."""
