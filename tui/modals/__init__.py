"""Modal screens that return a value through dismiss()."""
