"""Surveys: questions, conditions, responses."""
