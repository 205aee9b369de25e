"""Domain operations: the only way data changes, each checking who may do it."""
