"""The `?` help screen, generated from the bindings."""
