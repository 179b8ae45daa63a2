"""Language domain."""
