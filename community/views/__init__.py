"""Learning community pages, under community/ (each slice's module lists its own)."""
