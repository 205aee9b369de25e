"""One module per area of the console; each exposes `ROUTES` and `NAV`."""
