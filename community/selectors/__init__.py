"""What the community's pages and API read, a module per noun, with flat query counts."""
