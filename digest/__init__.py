"""The weekly personalised digest: selection, rendering, sending exactly once, schedule."""
