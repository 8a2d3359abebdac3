"""GraphFold's TensorBoard plugin: routes that list and serve logged model graphs.

Reads only through TensorBoard's data provider, so it works with the Python
multiplexer and the Rust data server alike, and never writes to the log
directory. The HTTP contract, with sample responses, is ``docs/http_api.md``.

The plugin runs inside a TensorBoard that a team may share, so no request may
stall or crash it: every answer, errors included, is valid JSON (non-finite
numbers become ``null``); every failure is a JSON error with a 4xx status
(a 500 only for GraphFold's own bugs, and JSON too); search patterns are
compiled by RE2 (``tb_plugin/search.py``); static files are served only from
``static/``. Answers are cacheable (``tb_plugin/http_cache.py``): a graph's
routes carry its step's digest as ``ETag`` and answer 304 without decoding
anything when the browser already holds it.
"""

from __future__ import annotations

import logging
import mimetypes
import pathlib
import re

from tensorboard import errors, plugin_util
from tensorboard.backend import http_util
from tensorboard.data import provider
from tensorboard.plugins import base_plugin
from werkzeug import exceptions, wrappers

from tb_plugin import expand_views, first_paint, graph_store, http_cache, metadata, overlay_store, search, strict_json

logger = logging.getLogger(__name__)

_STATIC_DIR = pathlib.Path(__file__).parent / "static"
# One path segment of a static file: no separators, no "..", nothing a file system reads specially,
# and short enough for any file system (a longer name would be an OSError, not a 404).
_STATIC_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
_STATIC_DEPTH = 8
# Encoded separators and NULs in the raw URL: decoded, they would hide a path's real shape.
_ENCODED_SEPARATOR = re.compile(r"%(?:2f|5c|00)", re.IGNORECASE)
_MAX_STEP = 2**63 - 1
_MAX_DEPTH = 1000
_SCALARS_PLUGIN = "scalars"
_SCALAR_POINTS = 1000
# The most search hits answered with their reveal paths (``total`` still counts them all).
MAX_SEARCH_HITS = 5000


class GraphFoldPlugin(base_plugin.TBPlugin):
    plugin_name = metadata.PLUGIN_NAME

    def __init__(self, context: base_plugin.TBContext) -> None:
        self._provider = context.data_provider
        self._store = graph_store.GraphStore(context.data_provider, samples=metadata.samples_per_series(context.sampling_hints))
        self._overlays = overlay_store.OverlayStore(context.data_provider, samples=metadata.samples_per_series(context.sampling_hints))

    def get_plugin_apps(self):
        # Every route is GET only and answers every error as JSON; "/*" answers unknown routes.
        return _guarded(
            {
                "/index.js": self._serve_static,
                "/index.html": _serve_page,
                "/assets/*": self._serve_static,
                "/graphs": self._serve_graphs,
                "/start": self._serve_start,
                "/graph": self._serve_graph,
                "/view": self._serve_view,
                "/expand": self._serve_expand,
                "/node": self._serve_node,
                "/stats": self._serve_stats,
                "/search": self._serve_search,
                "/locate": self._serve_locate,
                "/overlays": self._serve_overlays,
                "/filter_stats": self._serve_filter_stats,
                "/filter_summary": self._serve_filter_summary,
                "/filter_layer": self._serve_filter_layer,
                "/weight_graph": self._serve_weight_graph,
                "/scalars": self._serve_scalars,
                "/*": _serve_unknown_route,
            }
        )

    def is_active(self) -> bool:
        # TensorBoard asks this only when no run holds data of `data_plugin_names`,
        # and then GraphFold has nothing to show.
        return False

    def data_plugin_names(self):
        return (
            metadata.PLUGIN_NAME,
            metadata.GRAPHS_PLUGIN_NAME,
            metadata.RUN_METADATA_GRAPH_PLUGIN_NAME,
            metadata.RUN_METADATA_PLUGIN_NAME,
            metadata.KERAS_MODEL_PLUGIN_NAME,
        )

    def frontend_metadata(self):
        return base_plugin.FrontendMetadata(es_module_path="/index.js", tab_name="GraphFold")

    # -- routes ----------------------------------------------------------------
    def _serve_graphs(self, request):
        ctx, experiment = _context(request)
        return http_cache.json_with_etag(request, None, self.graphs_impl(ctx, experiment))

    def _serve_start(self, request):
        ctx, experiment = _context(request)
        wanted = _graph_args(request) if "run" in request.args else None
        return http_cache.json_with_etag(
            request, None, self.start_impl(ctx, experiment, wanted, request.args.getlist("open") or None, expand=_expand_arg(request)))

    def _serve_graph(self, request):
        return self._serve_step(request, self.graph_impl)

    def _serve_view(self, request):
        return self._serve_step(request, self.view_impl, module=request.args.get("module", ""))

    def _serve_expand(self, request):
        depth = _int_arg(request, "depth", default=None, low=1, high=_MAX_DEPTH)
        return self._serve_step(request, self.expand_impl, depth=depth)

    def _serve_node(self, request):
        return self._serve_step(request, self.node_impl, name=_required_arg(request, "name"))

    def _serve_stats(self, request):
        return self._serve_step(request, self.stats_impl)

    def _serve_step(self, request, impl, **args):
        """A route answering from one logged step: validated by the step's digest, so a revisit is a 304."""
        ctx, experiment = _context(request)
        graph_args = _graph_args(request)
        etag = self._store.digest(ctx, experiment, **graph_args)
        return http_cache.json_with_etag(request, etag, lambda: impl(ctx, experiment, **args, **graph_args))

    def _serve_search(self, request):
        ctx, experiment = _context(request)
        pattern = _required_arg(request, "q")
        limit = _int_arg(request, "limit", default=200, low=1, high=MAX_SEARCH_HITS)
        return _json_response(request, self.search_impl(ctx, experiment, pattern=pattern, limit=limit, **_graph_args(request)))

    def _serve_locate(self, request):
        ctx, experiment = _context(request)
        node = _required_arg(request, "node")
        return _json_response(request, self.locate_impl(ctx, experiment, node=node, **_graph_args(request)))

    def _serve_overlays(self, request):
        ctx, experiment = _context(request)
        return http_cache.json_with_etag(request, None, self.overlays_impl(ctx, experiment))

    def _serve_filter_stats(self, request):
        ctx, experiment = _context(request)
        run, tag = _required_arg(request, "run"), _required_arg(request, "tag")
        step = _int_arg(request, "step", default=None, low=0, high=_MAX_STEP)
        return _json_response(request, self.filter_stats_impl(ctx, experiment, run=run, tag=tag, step=step))

    def _serve_filter_summary(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.filter_summary_impl(ctx, experiment, **_overlay_step_args(request)))

    def _serve_filter_layer(self, request):
        ctx, experiment = _context(request)
        module, classes = _required_arg(request, "module"), request.args.get("classes")
        body = self.filter_layer_impl(ctx, experiment, module=module, classes=classes, **_overlay_step_args(request))
        return http_util.Respond(request, body, "application/octet-stream")

    def _serve_weight_graph(self, request):
        ctx, experiment = _context(request)
        run, tag = _required_arg(request, "run"), _required_arg(request, "tag")
        return _json_response(request, self.weight_graph_impl(ctx, experiment, run=run, tag=tag))

    def _serve_scalars(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.scalars_impl(ctx, experiment, run=_required_arg(request, "run")))

    def _serve_static(self, request):
        relative = request.path.split(f"/data/plugin/{metadata.PLUGIN_NAME}/", 1)[-1]
        raw_path = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or ""
        path = static_file(relative, raw_path=raw_path.split("?", 1)[0])
        mimetype = "text/javascript" if path.suffix == ".js" else mimetypes.guess_type(path.name)[0]
        return http_cache.static_response(request, path, mimetype or "application/octet-stream")

    # -- implementations, called by the routes and directly by tests ----------
    def graphs_impl(self, ctx, experiment: str) -> dict:
        return {"graphs": self._store.list_graphs(ctx, experiment)}

    def graph_impl(self, ctx, experiment: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).json

    def view_impl(self, ctx, experiment: str, *, module: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).view(module)

    def expand_impl(self, ctx, experiment: str, *, depth: int | None, **graph_args) -> dict:
        """The items opened down to ``depth`` (None: all) and every view they draw (``expand_views``)."""
        logged = self._store.logged_graph(ctx, experiment, **graph_args)
        try:
            return expand_views.expand_to_depth(logged.view, depth)
        except expand_views.TooManyViewsError as e:
            raise errors.InvalidArgumentError(str(e)) from None

    def node_impl(self, ctx, experiment: str, *, name: str, **graph_args) -> dict:
        """One node's attributes, inputs and consumers: what the details panel shows, without the whole graph."""
        return self._store.logged_graph(ctx, experiment, **graph_args).node(name)

    def start_impl(
        self, ctx, experiment: str, wanted: dict | None, open_paths: list[str] | None = None, *, expand: int | str | None = None,
    ) -> dict:
        """The listing, the graph the tab picks from it, and the views its first drawing opens (``first_paint``).

        With ``expand`` (a depth, or ``"all"``: a deep link's ``expand=``) the
        drawing is that expansion, as ``GET expand`` answers it: ``views`` holds
        its views and ``expanded`` the rest of that answer (depth, open,
        closed). An expansion too large to answer leaves the default drawing,
        with ``expanded`` holding the depth and the error to show.
        A graph that cannot be drawn still answers the listing, with no views:
        the tab then asks for the view itself and shows that request's error.
        """
        graphs = self._store.list_graphs(ctx, experiment)
        picked = first_paint.pick_graph(graphs, wanted)
        answer = {"graphs": graphs, "graph": picked, "views": {}}
        if picked is None:
            return answer
        try:
            logged = self._store.logged_graph(ctx, experiment, **picked)
            if expand is not None:
                depth = None if expand == "all" else expand
                try:
                    expanded = expand_views.expand_to_depth(logged.view, depth)
                    answer["views"] = expanded.pop("views")
                    answer["expanded"] = expanded
                    return answer
                except expand_views.TooManyViewsError as e:
                    answer["expanded"] = {"depth": depth, "error": str(e)}
            answer["views"] = first_paint.default_views(logged.view, open_paths)
        except errors.PublicError:
            answer["views"] = {}
        return answer

    def stats_impl(self, ctx, experiment: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).stats

    def search_impl(self, ctx, experiment: str, *, pattern: str, limit: int, **graph_args) -> dict:
        compiled = search.compile_pattern(pattern)  # refuse a bad pattern before decoding anything
        return self._store.logged_graph(ctx, experiment, **graph_args).search(compiled, limit)

    def locate_impl(self, ctx, experiment: str, *, node: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).locate(node)

    def overlays_impl(self, ctx, experiment: str) -> dict:
        return {"overlays": self._overlays.list_overlays(ctx, experiment)}

    def filter_stats_impl(self, ctx, experiment: str, *, run: str, tag: str, step: int | None) -> dict:
        return self._overlays.filter_stats(ctx, experiment, run=run, tag=tag, step=step)

    def filter_summary_impl(self, ctx, experiment: str, *, run: str, tag: str, step: int | None) -> dict:
        return self._overlays.filter_summary(ctx, experiment, run=run, tag=tag, step=step)

    def filter_layer_impl(
        self, ctx, experiment: str, *, run: str, tag: str, step: int | None, module: str, classes: str | None = None,
    ) -> bytes:
        return self._overlays.filter_layer(ctx, experiment, run=run, tag=tag, step=step, module=module, classes=classes)

    def weight_graph_impl(self, ctx, experiment: str, *, run: str, tag: str) -> dict:
        return self._overlays.weight_graph(ctx, experiment, run=run, tag=tag)

    def scalars_impl(self, ctx, experiment: str, *, run: str) -> dict:
        """The run's scalars (e.g. the accuracy a training script logs), to compare runs before and after pruning."""
        series = self._provider.read_scalars(
            ctx, experiment_id=experiment, plugin_name=_SCALARS_PLUGIN, downsample=_SCALAR_POINTS,
            run_tag_filter=provider.RunTagFilter(runs=[run]),
        ).get(run, {})
        return {"run": run, "scalars": {tag: [[d.step, d.value] for d in data] for tag, data in sorted(series.items())}}


def _context(request):
    return plugin_util.context(request.environ), plugin_util.experiment_id(request.environ)


def _int_arg(request, name: str, *, default, low: int, high: int):
    value = request.args.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise errors.InvalidArgumentError(f"{name} must be an integer, got {value!r}") from None
    if not low <= number <= high:
        raise errors.InvalidArgumentError(f"{name} {number} is out of range")
    return number


def _expand_arg(request) -> int | str | None:
    """``GET start``'s ``expand``: None when absent, ``"all"``, or a depth."""
    expand = request.args.get("expand")
    if expand is None or expand == "all":
        return expand
    if not re.fullmatch(r"[0-9]{1,4}", expand) or not 1 <= int(expand) <= _MAX_DEPTH:
        raise errors.InvalidArgumentError(f"expand must be 'all' or a depth from 1 to {_MAX_DEPTH}, got {expand[:50]!r}")
    return int(expand)


def _overlay_step_args(request) -> dict:
    """The arguments that pick one overlay step: run, tag, step (default latest)."""
    return {
        "run": _required_arg(request, "run"),
        "tag": _required_arg(request, "tag"),
        "step": _int_arg(request, "step", default=None, low=0, high=_MAX_STEP),
    }


def _graph_args(request) -> dict:
    """The arguments that pick one logged graph: run, tag, step (default latest), source."""
    return {
        "run": _required_arg(request, "run"),
        "tag": _required_arg(request, "tag"),
        "step": _int_arg(request, "step", default=None, low=0, high=_MAX_STEP),
        "source": request.args.get("source", graph_store.SOURCE_GRAPHFOLD),
    }


def _required_arg(request, name: str) -> str:
    value = request.args.get(name)
    if value is None:
        raise errors.InvalidArgumentError(f"missing query parameter {name!r}")
    return value


def static_file(relative: str, *, raw_path: str = "") -> pathlib.Path:
    """The file of ``static/`` that ``relative`` names; 400 for a path that could leave it, 404 if absent.

    Each segment must be a plain name (no ``..``, NULs, backslashes), and the
    raw URL must not hide separators or NULs as ``%2f``, ``%5c``, ``%00``, so
    the path is confined to ``static/`` by its shape, before any file system
    call; the resolved path is checked again all the same.

    >>> static_file("index.js").name
    'index.js'
    >>> static_file("assets/../index.js")
    Traceback (most recent call last):
    ...
    tensorboard.errors.InvalidArgumentError: Invalid argument: static path 'assets/../index.js' is not a plain file path under static/
    """
    segments = relative.split("/")
    if (_ENCODED_SEPARATOR.search(raw_path) or len(segments) > _STATIC_DEPTH
            or not all(_STATIC_SEGMENT.fullmatch(s) for s in segments)):
        raise errors.InvalidArgumentError(f"static path {relative[:200]!r} is not a plain file path under static/")
    root = _STATIC_DIR.resolve()
    path = root.joinpath(*segments).resolve()
    if root not in path.parents or not path.is_file():
        raise errors.NotFoundError(f"no static file {relative[:200]!r}; was the frontend built (npm run build)?")
    return path


# GraphFold on a page of its own (frontend/src/page_link.ts): the module TensorBoard's frame
# imports, which draws itself into this body when the meta tag says so. No inline script: the
# page is served with TensorBoard's Content-Security-Policy, which allows only 'self' scripts.
_PAGE = b"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="graphfold-page" content="standalone">
<title>GraphFold</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect x='3' y='1' width='10' height='4' rx='1' fill='%238fb0e8'/%3E%3Crect x='1' y='7' width='10' height='4' rx='1' fill='%231a73e8'/%3E%3Crect x='5' y='12' width='10' height='3' rx='1' fill='%238fb0e8'/%3E%3C/svg%3E">
<script type="module" src="index.js"></script>
</head>
<body></body>
</html>
"""


def _serve_page(request):
    return http_cache.html_response(request, _PAGE)


def _serve_unknown_route(request):
    route = request.path.split(f"/data/plugin/{metadata.PLUGIN_NAME}", 1)[-1]
    raise errors.NotFoundError(f"GraphFold has no route {route[:200]!r}; see docs/http_api.md")


def _json_response(request, payload, code: int = 200) -> wrappers.Response:
    return http_util.Respond(request, strict_json.dumps(payload), "application/json", code=code)


class _RouteGuard:
    """WSGI wrapper of every route: GET only, and every error answered as TensorBoard-style JSON.

    Routes take a request and return a response. TensorBoard's public errors
    keep their status; werkzeug's HTTP errors keep theirs; anything else is
    GraphFold's bug: logged with its traceback and answered as a JSON 500,
    never werkzeug's HTML page.
    """

    def __init__(self, route) -> None:
        self._route = route

    def __call__(self, environ, start_response):
        request = wrappers.Request(environ)
        if request.method not in ("GET", "HEAD"):
            response = _error_response(request, 405, f"{request.method} is not allowed; GraphFold is read-only")
        else:
            try:
                response = self._route(request)
            except errors.PublicError as e:
                response = _error_response(request, e.http_code, str(e))
            except exceptions.HTTPException as e:
                response = _error_response(request, e.code or 500, e.description or e.name)
            except Exception as e:  # noqa: BLE001 - a plugin bug must not become an HTML page or a dropped connection
                logger.exception("GraphFold: %s %s failed", request.method, request.path)
                response = _error_response(request, 500, f"internal error in GraphFold ({type(e).__name__}); see TensorBoard's log")
        return response(environ, start_response)


def _error_response(request, code: int, message: str) -> wrappers.Response:
    """TensorBoard's JSON error shape, as every GraphFold route answers it: ``{"error": {"code", "message"}}``."""
    return _json_response(request, {"error": {"code": code, "message": message}}, code)


def _guarded(routes: dict) -> dict:
    return {path: _RouteGuard(route) for path, route in routes.items()}
