"""Screens: one module a screen; each owns its actions."""
