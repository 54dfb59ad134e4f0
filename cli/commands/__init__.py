"""Sub-commands of ``hubb``, one module each."""
