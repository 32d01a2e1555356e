"""The stats screen: mastery chart, per-topic table, most-missed ideas."""
