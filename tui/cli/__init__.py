"""The callfloor command: argparse only, so it starts fast (no textual import)."""
