"""The exercise screen."""
