"""The Telegram channel: adapter, Bot API manners, update conversion, webhook inbox."""
