"""“You said, we did”: what was done with the children's views."""
