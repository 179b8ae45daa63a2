"""Children domain."""
