"""The Textual app and the callfloor command line. Talks to core only."""
