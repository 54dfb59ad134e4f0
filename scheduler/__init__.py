"""The scheduler face: ``hubb schedule`` runs the weekly cycle on APScheduler 3 (see
:mod:`scheduler.service`)."""
