"""GraphFold's TensorBoard plugin: routes that list and serve logged model graphs.

Reads only through TensorBoard's data provider, so it works with the Python
multiplexer and the Rust data server alike, and never writes to the log
directory. The HTTP contract, with sample responses, is ``docs/http_api.md``.
"""

from __future__ import annotations

import json
import mimetypes
import pathlib

from tensorboard import errors, plugin_util
from tensorboard.backend import http_util
from tensorboard.plugins import base_plugin
from werkzeug import wrappers

from tb_plugin import graph_store, metadata

_STATIC_DIR = pathlib.Path(__file__).parent / "static"
_MAX_STEP = 2**63 - 1
_MAX_PATTERN = 500


class GraphFoldPlugin(base_plugin.TBPlugin):
    plugin_name = metadata.PLUGIN_NAME

    def __init__(self, context: base_plugin.TBContext) -> None:
        self._store = graph_store.GraphStore(context.data_provider)

    def get_plugin_apps(self):
        # Every route is GET only and answers TensorBoard's public errors as JSON.
        return _guarded(
            {
                "/index.js": self._serve_static,
                "/assets/*": self._serve_static,
                "/graphs": self._serve_graphs,
                "/graph": self._serve_graph,
                "/view": self._serve_view,
                "/stats": self._serve_stats,
                "/search": self._serve_search,
                "/locate": self._serve_locate,
            }
        )

    def is_active(self) -> bool:
        # TensorBoard asks this only when no run holds data of `data_plugin_names`,
        # and then GraphFold has nothing to show.
        return False

    def data_plugin_names(self):
        return (metadata.PLUGIN_NAME, metadata.GRAPHS_PLUGIN_NAME)

    def frontend_metadata(self):
        return base_plugin.FrontendMetadata(es_module_path="/index.js", tab_name="GraphFold")

    # -- routes ----------------------------------------------------------------
    @wrappers.Request.application
    def _serve_graphs(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.graphs_impl(ctx, experiment))

    @wrappers.Request.application
    def _serve_graph(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.graph_impl(ctx, experiment, **_graph_args(request)))

    @wrappers.Request.application
    def _serve_view(self, request):
        ctx, experiment = _context(request)
        module = request.args.get("module", "")
        return _json_response(request, self.view_impl(ctx, experiment, module=module, **_graph_args(request)))

    @wrappers.Request.application
    def _serve_stats(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.stats_impl(ctx, experiment, **_graph_args(request)))

    @wrappers.Request.application
    def _serve_search(self, request):
        ctx, experiment = _context(request)
        pattern = _required_arg(request, "q")
        if len(pattern) > _MAX_PATTERN:
            raise errors.InvalidArgumentError(f"search pattern is longer than {_MAX_PATTERN} characters")
        limit = _int_arg(request, "limit", default=200, low=1, high=5000)
        return _json_response(request, self.search_impl(ctx, experiment, pattern=pattern, limit=limit, **_graph_args(request)))

    @wrappers.Request.application
    def _serve_locate(self, request):
        ctx, experiment = _context(request)
        node = _required_arg(request, "node")
        return _json_response(request, self.locate_impl(ctx, experiment, node=node, **_graph_args(request)))

    @wrappers.Request.application
    def _serve_static(self, request):
        relative = request.path.split(f"/data/plugin/{metadata.PLUGIN_NAME}/", 1)[-1]
        path = (_STATIC_DIR / relative).resolve()
        if _STATIC_DIR.resolve() not in path.parents or not path.is_file():
            raise errors.NotFoundError(f"no static file {relative!r}; was the frontend built (npm run build)?")
        mimetype = "text/javascript" if path.suffix == ".js" else mimetypes.guess_type(path.name)[0]
        return http_util.Respond(request, path.read_bytes(), mimetype or "application/octet-stream")

    # -- implementations, called by the routes and directly by tests ----------
    def graphs_impl(self, ctx, experiment: str) -> dict:
        return {"graphs": self._store.list_graphs(ctx, experiment)}

    def graph_impl(self, ctx, experiment: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).json

    def view_impl(self, ctx, experiment: str, *, module: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).view(module)

    def stats_impl(self, ctx, experiment: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).stats

    def search_impl(self, ctx, experiment: str, *, pattern: str, limit: int, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).search(pattern, limit)

    def locate_impl(self, ctx, experiment: str, *, node: str, **graph_args) -> dict:
        return self._store.logged_graph(ctx, experiment, **graph_args).locate(node)


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


def _json_response(request, payload, code: int = 200) -> wrappers.Response:
    return http_util.Respond(request, json.dumps(payload, separators=(",", ":")), "application/json", code=code)


class _RouteGuard:
    """WSGI wrapper of every route: GET only, and TensorBoard's public errors answered as JSON."""

    def __init__(self, app) -> None:
        self._app = app

    def __call__(self, environ, start_response):
        request = wrappers.Request(environ)
        if request.method not in ("GET", "HEAD"):
            response = _json_response(request, _error_body(405, f"{request.method} is not allowed; GraphFold is read-only"), 405)
            return response(environ, start_response)
        try:
            return self._app(environ, start_response)
        except errors.PublicError as e:
            return _json_response(request, _error_body(e.http_code, str(e)), e.http_code)(environ, start_response)


def _error_body(code: int, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def _guarded(apps: dict) -> dict:
    return {route: _RouteGuard(app) for route, app in apps.items()}
