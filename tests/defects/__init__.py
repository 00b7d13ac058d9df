"""One test module per defect of issue 13, each failing on the code before its fix."""
