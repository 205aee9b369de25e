"""Conversation flows, channel-neutral: they read an `Inbound` and return `Reply` objects."""
