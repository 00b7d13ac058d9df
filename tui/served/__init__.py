"""The wall board served to browsers (callfloor serve-board): the server and its pages."""
