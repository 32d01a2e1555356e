"""Widgets the screens compose; each gets what it needs from its screen and posts messages up."""
