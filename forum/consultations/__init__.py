"""Consultations: the policy questions children are asked about."""
