"""Per-domain expectations for the route matrix: see tests/security/test_route_matrix.py."""
