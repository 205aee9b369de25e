"""The Zalo Bot Platform channel: adapter, API client, update conversion."""
