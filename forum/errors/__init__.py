"""Errors domain."""
