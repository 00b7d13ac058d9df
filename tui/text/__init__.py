"""Formatting helpers, no widgets: customer text in terminal cells (cells, wrap), floor-local
times (floor_time), and a ticket's timeline events in words (event_rows)."""
