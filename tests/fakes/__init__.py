"""Fakes the tests talk to instead of mocks: a memory channel, a clock, fake servers."""
