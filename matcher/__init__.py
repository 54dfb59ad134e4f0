"""Matching of calls against need profiles: eligibility, relevance, reasons."""
