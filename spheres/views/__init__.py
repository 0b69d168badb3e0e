"""Sphere pages. URL prefix for every slice: BASE (initiatives/<slug>/sphere/)."""

BASE = "initiatives/<slug:slug>/sphere/"
