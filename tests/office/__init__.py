"""The workbooks as LibreOffice renders them (marker office): skipped without soffice."""
