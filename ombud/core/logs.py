"""Logging without personal data: every record passes `RedactFilter` (the console handler in
config/settings.py), and `LOG_FORMAT=json` writes one JSON object a line for the municipality's
log system (`JsonFormatter`).

The filter removes what a message might carry about a person: whistleblower paths (a report's
receipt or inbox link) and query strings, e-mail addresses, CPR numbers and long digit runs. An
exception is logged as its type and its stack (file, line, function, code), never its message,
which may quote a citizen's data."""

import json
import logging
import re
import traceback
from typing import Any

WHISTLEBLOWER_PATH = re.compile(r"/whistleblower/[^\s\"']*")
QUERY = re.compile(r"\?[^\s\"']*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
CPR = re.compile(r"\b\d{6}-?\d{4}\b")
DIGITS = re.compile(r"\d{8,}")


def redact(text: str) -> str:
    text = WHISTLEBLOWER_PATH.sub("/whistleblower/…", text)
    text = QUERY.sub("?…", text)
    text = EMAIL.sub("[e-mail]", text)
    text = CPR.sub("[cpr]", text)
    return DIGITS.sub("[number]", text)


def _stack_only(exc_info: Any) -> str:
    kind, _value, tb = exc_info
    frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
    return f"Traceback (most recent call last):\n{frames}{kind.__name__} (message not logged)"


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _stack_only(record.exc_info)
            record.exc_info = None
        # Django's request logging attaches the request; no formatter may reach into it.
        if hasattr(record, "request"):
            del record.request
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)
