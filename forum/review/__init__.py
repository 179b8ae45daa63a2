"""The moderation queue and decision log, word rules in the database, sanctions."""
