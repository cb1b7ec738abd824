"""The newsroom's own date formats, over the locale's (FORMAT_MODULE_PATH)."""
