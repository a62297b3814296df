"""Answer checks that staff write (``tests/answers/*.yml``), for ``genoptraening check``.

The cases are loaded, validated and checked in ``genoptraening.ops.answer_checks`` (shared with
the staff console's Svartjek page); its names are re-exported here for the shell and the
commands. See docs/answer-checks.md.
"""

from __future__ import annotations

from genoptraening.ops.answer_checks import (
    FIELDS,
    Case,
    CaseFileError,
    CaseResult,
    CaseSpec,
    default_files,
    display_path,
    evaluate,
    load_file,
    load_files,
    run_case,
)

__all__ = ["FIELDS", "Case", "CaseFileError", "CaseResult", "CaseSpec", "default_files",
           "display_path", "evaluate", "load_file", "load_files", "run_case"]
