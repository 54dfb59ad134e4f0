"""Bundled demo content: snapshot calls of the seven sources with deadlines relative to today."""
