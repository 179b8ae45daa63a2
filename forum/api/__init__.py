"""Read-only JSON API for policy staff and their tools, with personal tokens."""
