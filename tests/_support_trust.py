"""Old names of support.py's command-line and output-folder helpers, kept for tests that
import them from here; new tests import from support."""

from support import FIXTURES, ROOT, VALID, Run, previous_outputs, run_cli, snapshot

__all__ = ["FIXTURES", "ROOT", "VALID", "Run", "previous_outputs", "run_cli", "snapshot"]
