"""The assessment engine: triage, pattern, causes and plan — pure functions over a check-in.

Named ``engine`` rather than ``assess`` so that the public function ``lumbar.assess``
is never shadowed by a subpackage of the same name.
"""
