"""Git: the one git runner, commits and history (audit), the item-level merge, its driver and set-up."""
