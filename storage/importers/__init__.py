"""Importers for units, the roster and campaigns: validate everything, then write all."""
