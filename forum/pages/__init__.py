"""Pages domain."""
