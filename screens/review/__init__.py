"""The review screen: due questions across all topics."""
