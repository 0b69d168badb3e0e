"""Writes of spheres, a module per slice: each service checks the policy, runs in one
transaction and is the one write path of the pages, the API and admin."""
