"""Ralph (PyPI `ralph-malph`) as a learning record store on its file-system
backend, which needs no database server. Fixes to Ralph 5.1's file backend,
applied here rather than in its files:
- it creates its file on the first POST and then refuses to write it again
  ("already exists and overwrite is not allowed"): writes append instead;
- its `activity` and `verb` filters compare an IRI object with a string,
  which is never equal: IRIs compare as their text;
- before each POST it reads the whole file to find the ids it already has,
  so a POST takes longer as the file grows (877 statements/s falling): the
  ids are kept in memory, read once at start, and the file is read only
  when a POST repeats a stored id (to compare the statements, as before);
- a store killed while appending can leave half a line, which every later
  read fails on: at start the half line is cut off, as a database's recovery
  drops a transaction that never committed (the POST was never answered);
- on every read and write it rewrites its history file in place, and a store
  killed meanwhile leaves it empty, which every later request fails on
  (HTTP 500): it is written beside and renamed over instead.
Usage: python ralph_lrs.py PORT (settings from RALPH_* variables, see ralph.sh).
"""

import json
import logging
import os
import sys
from pathlib import Path

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.mixins import HistoryMixin
from ralph.backends.lrs.fs import FSLRSBackend, FSLRSBackendSettings
from ralph.conf import settings
from ralph.models.xapi.base.common import IRI

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
IRI.__eq__ = lambda self, other: str(self) == str(other)

log = logging.getLogger("ralph_lrs")
KNOWN = None  # the ids in the file, read on first use
write_all = FSLRSBackend.write
query_by_ids = FSLRSBackend.query_statements_by_ids


def cut_half_line(path: Path) -> None:
    """Drops the bytes after the last newline, if the file ends without one."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    with path.open("rb+") as file:
        data = file.read()
        if not data.endswith(b"\n"):
            keep = data.rfind(b"\n") + 1
            log.warning("cutting %d bytes of a half-written line", len(data) - keep)
            file.truncate(keep)


def known(backend: FSLRSBackend, target) -> set:
    global KNOWN
    if KNOWN is None:
        file = backend.settings.DEFAULT_LRS_FILE
        KNOWN = {s["id"] for s in backend.read(query=file, target=target)}
    return KNOWN


def query_statements_by_ids(self, ids, target=None):
    if known(self, target).isdisjoint(ids):
        return []
    return query_by_ids(self, ids, target)


def write(self, data, target=None, chunk_size=None, ignore_errors=False, operation_type=None):
    data = list(data)
    ids = known(self, target)
    written = write_all(self, data, target, chunk_size, ignore_errors, operation_type)
    ids.update(s["id"] for s in data if isinstance(s, dict))
    return written


def write_history(self, history):
    path = settings.HISTORY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding=settings.LOCALE_ENCODING) as file:
        json.dump(history, file)
    os.replace(part, path)
    self._history = history


HistoryMixin.write_history = write_history
FSLRSBackend.query_statements_by_ids = query_statements_by_ids
FSLRSBackend.write = write

lrs = FSLRSBackendSettings()
cut_half_line(Path(lrs.DEFAULT_DIRECTORY_PATH) / lrs.DEFAULT_LRS_FILE)
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
