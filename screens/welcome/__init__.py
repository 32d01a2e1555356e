"""The welcome shown on a first launch."""
