"""The floor's rules and services. Plain Python: never imports textual (docs/architecture.md)."""
