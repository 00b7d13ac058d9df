"""Colour themes as data (issue 3)."""
