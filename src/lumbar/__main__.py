"""``python -m lumbar``: the same as the ``lumbar`` command."""

from lumbar.launch import main

main()
