"""Sphere pages. A sphere's own pages live under BASE (initiatives/<slug>/sphere/); the pages
across spheres (the open spheres, my requests, the CEO's home) under TOP (spheres/)."""

BASE = "initiatives/<slug:slug>/sphere/"
TOP = "spheres/"
