"""The learning community's writes, a module per noun: the one path for pages, API and admin."""
