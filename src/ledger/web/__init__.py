"""The web view (``ledger serve``): server-rendered pages, forms and a JSON API over one or several ledgers.

Beside ``ledger.cli`` at the top of the layers: it reads through ``reports``/``render`` and writes
through ``git.changes`` and ``store.changes``, the same code the command line runs. Starlette,
Jinja2 and uvicorn are imported only here, so other commands start without them.
"""
