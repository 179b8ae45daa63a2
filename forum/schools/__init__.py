"""Schools domain."""
