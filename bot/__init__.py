"""The application: settings, command line, wiring and channel adapters."""
