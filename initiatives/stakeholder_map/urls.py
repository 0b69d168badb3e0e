"""The map's pages, included in initiatives/urls.py (namespace "initiatives")."""

from .views import urlpatterns

__all__ = ["urlpatterns"]
