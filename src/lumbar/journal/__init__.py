"""The training journal as people use it: imports, entries by hand, history and exports.

Modules, one concept each:

* :mod:`~lumbar.journal.settings` — where the journal lives (``--db``, ``LUMBAR_DB``);
* :mod:`~lumbar.journal.importing` — files → journal, one transaction per file;
* :mod:`~lumbar.journal.document` — the ``lumbar.journal/1`` export, both ways;
* :mod:`~lumbar.journal.csv_export` — one CSV row per set;
* :mod:`~lumbar.journal.manual` — sessions and check-ins typed by hand;
* :mod:`~lumbar.journal.history` — the journal read back for people and the assessment;
* :mod:`~lumbar.journal.exercises` — exercise names → the catalogue, user mappings;
* :mod:`~lumbar.journal.set_notation` — ``"Deadlift:3x5@140"``;
* :mod:`~lumbar.journal.show` — tables and progress in the terminal.

This package imports nothing itself, so that ``import lumbar.journal.settings``
stays cheap; the modules that touch the database load SQLAlchemy.
"""

__all__: list[str] = []
