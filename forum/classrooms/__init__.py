"""Classrooms domain."""
