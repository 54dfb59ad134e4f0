"""Bundled demo content: snapshot calls of the four sources with deadlines relative to today."""
