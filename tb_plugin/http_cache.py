"""HTTP caching of GraphFold's answers: validators on data, long-lived names for built assets.

A revisit of the tab should cost round trips of a few hundred bytes, not
megabytes: data routes carry an ``ETag`` (the step's digest for a graph's
routes, the body's own digest for listings) and answer ``304 Not Modified``
to a request whose ``If-None-Match`` holds it; the layout worker and other
built assets have content-hashed names (``assets/layout_worker-<hash>.js``),
so they are served ``immutable`` for a year, and ``index.js``, whose name
TensorBoard fixes, is revalidated by its ETag. Static files are read and
gzipped once per server (per modification time), not on every request.
"""

from __future__ import annotations

import gzip
import hashlib
import pathlib
import re
import threading

from tensorboard.backend import http_util
from werkzeug import wrappers

from tb_plugin import strict_json

__all__ = ["IMMUTABLE", "REVALIDATE", "etag_matches", "html_response", "json_with_etag", "not_modified", "static_response"]

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# What a content-hashed asset name looks like (vite.worker.config.ts writes them): name-<8+ hash chars>.ext.
_HASHED_NAME = re.compile(r".+-[A-Za-z0-9_]{8,}\.[a-z]+")


def etag_matches(request, etag: str) -> bool:
    """Whether the request's ``If-None-Match`` names ``etag`` (strong or weak, or ``*``)."""
    header = request.headers.get("If-None-Match", "")
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return f'"{etag}"' in tags or "*" in tags


def not_modified(etag: str, cache_control: str = REVALIDATE) -> wrappers.Response:
    return wrappers.Response(status=304, headers=[("ETag", f'"{etag}"'), ("Cache-Control", cache_control)])


def json_with_etag(request, etag: str | None, payload) -> wrappers.Response:
    """``payload`` as JSON, validated by ``etag`` (default: the body's digest); a 304 when the client has it.

    ``payload`` may be a function, called only when the client lacks the
    answer, so that a 304 for a known step decodes nothing.
    """
    if etag is not None and etag_matches(request, etag):
        return not_modified(etag)
    body = strict_json.dumps(payload() if callable(payload) else payload)
    if etag is None:
        etag = hashlib.sha256(body.encode("utf-8")).hexdigest()[:24]
        if etag_matches(request, etag):
            return not_modified(etag)
    return _with_cache_headers(http_util.Respond(request, body, "application/json"), etag, REVALIDATE)


class _StaticFile:
    __slots__ = ("mtime_ns", "size", "gzipped", "etag")

    def __init__(self, path: pathlib.Path) -> None:
        stat = path.stat()
        raw = path.read_bytes()
        self.mtime_ns, self.size = stat.st_mtime_ns, stat.st_size
        self.gzipped = gzip.compress(raw, compresslevel=6, mtime=0)
        self.etag = hashlib.sha256(raw).hexdigest()[:24]


_static_files: dict[pathlib.Path, _StaticFile] = {}
_static_lock = threading.Lock()


def _static_file(path: pathlib.Path) -> _StaticFile:
    stat = path.stat()
    with _static_lock:
        kept = _static_files.get(path)
    if kept is not None and (kept.mtime_ns, kept.size) == (stat.st_mtime_ns, stat.st_size):
        return kept
    fresh = _StaticFile(path)  # read outside the lock: two first requests may both read; both get the same bytes
    with _static_lock:
        _static_files[path] = fresh
    return fresh


def static_response(request, path: pathlib.Path, mimetype: str) -> wrappers.Response:
    """A file of ``static/``, gzipped once; immutable when its name holds its content's hash, else revalidated."""
    cache_control = IMMUTABLE if _HASHED_NAME.fullmatch(path.name) else REVALIDATE
    kept = _static_file(path)
    if etag_matches(request, kept.etag):
        return not_modified(kept.etag, cache_control)
    response = http_util.Respond(request, kept.gzipped, mimetype, content_encoding="gzip")
    return _with_cache_headers(response, kept.etag, cache_control)


def html_response(request, body: bytes) -> wrappers.Response:
    """A page of GraphFold's own, revalidated by its content's digest, under TensorBoard's CSP for HTML."""
    etag = hashlib.sha256(body).hexdigest()[:24]
    if etag_matches(request, etag):
        return not_modified(etag)
    return _with_cache_headers(http_util.Respond(request, body, "text/html"), etag, REVALIDATE)


def _with_cache_headers(response: wrappers.Response, etag: str, cache_control: str) -> wrappers.Response:
    response.headers["ETag"] = f'"{etag}"'
    response.headers["Cache-Control"] = cache_control
    del response.headers["Expires"]
    return response
