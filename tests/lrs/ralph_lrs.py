"""Ralph (PyPI `ralph-malph`) as a learning record store on its file-system
backend, which needs no database server. Two fixes to Ralph 5.1's file
backend, applied here rather than in its files:
- it creates its file on the first POST and then refuses to write it again
  ("already exists and overwrite is not allowed"): writes append instead;
- its `activity` and `verb` filters compare an IRI object with a string,
  which is never equal: IRIs compare as their text.
Usage: python ralph_lrs.py PORT (settings from RALPH_* variables, see lrs.sh).
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
from ralph.models.xapi.base.common import IRI

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
IRI.__eq__ = lambda self, other: str(self) == str(other)

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
