"""Channel adapters: each turns its updates into `Inbound` and renders `Reply` objects."""
