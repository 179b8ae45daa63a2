"""Results for policy staff: aggregation in the database, small-group suppression, exports.

`services` is the public entry; every output is built from the suppressed tables in `tables`.
"""
