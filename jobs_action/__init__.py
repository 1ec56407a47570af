"""Awesome Jobs Action: keeps curated job lists fresh from public job feeds."""

__version__ = "0.1.0"
