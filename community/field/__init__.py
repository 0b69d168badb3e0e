"""The field view of the facilitating organization: across every initiative and sphere it
follows, the phase, the health of the five conditions and the latest assessment's scores side
by side, with aggregates by kind and by phase (selectors.py), as a page, CSV/XLSX (exports.py)
and the API (api.py)."""
