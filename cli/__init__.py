"""The command-line face: ``hubb`` (:mod:`cli.main`), one module per sub-command in
``cli/commands/``, and the offline demo in ``cli/demo/``. Commands call the weekly cycle's
steps (:mod:`cycle`) and the parts; no part imports this package."""
