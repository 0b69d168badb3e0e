"""Backbone pages. URL prefix for every slice: BASE (initiatives/<slug>/backbone/)."""

BASE = "initiatives/<slug:slug>/backbone/"
