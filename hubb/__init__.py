"""Industrihubb Örebro län: the core shared by every box — the call-record contract,
fixed vocabularies, configuration loading, the clock, and the `hubb` command line."""

__version__ = "0.1.0"
