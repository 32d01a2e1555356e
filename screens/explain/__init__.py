"""The explain screen."""
