"""The Zalo Official Account channel: adapter, API client, conversion, tokens, webhook."""
