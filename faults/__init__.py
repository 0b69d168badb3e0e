"""Fault and load checks on private services (see faults/README.md). Never the shared ones."""
