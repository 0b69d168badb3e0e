"""Forms of the sphere pages, a module per slice: what the pages ask, typed; the rules are the
services'."""
