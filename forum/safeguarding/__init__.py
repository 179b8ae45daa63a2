"""Safeguarding cases: a child's disclosure reaches a safeguarding lead."""
