"""Widgets: one concept a module."""
