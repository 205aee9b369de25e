"""Shared test helpers: sample data, set-ups of review and channels, fakes wiring."""
