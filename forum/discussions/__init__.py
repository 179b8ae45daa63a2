"""Moderated discussions: topics in a consultation, posts, replies, agreements and reports."""
