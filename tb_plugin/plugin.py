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
from tensorboard.data import provider
from tensorboard.plugins import base_plugin
from werkzeug import wrappers

from tb_plugin import graph_store, metadata, overlay_store

_STATIC_DIR = pathlib.Path(__file__).parent / "static"
_MAX_STEP = 2**63 - 1
_MAX_PATTERN = 500
_SCALARS_PLUGIN = "scalars"
_SCALAR_POINTS = 1000


class GraphFoldPlugin(base_plugin.TBPlugin):
    plugin_name = metadata.PLUGIN_NAME

    def __init__(self, context: base_plugin.TBContext) -> None:
        self._provider = context.data_provider
        self._store = graph_store.GraphStore(context.data_provider)
        self._overlays = overlay_store.OverlayStore(context.data_provider)

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
                "/overlays": self._serve_overlays,
                "/filter_stats": self._serve_filter_stats,
                "/weight_graph": self._serve_weight_graph,
                "/scalars": self._serve_scalars,
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
    def _serve_overlays(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.overlays_impl(ctx, experiment))

    @wrappers.Request.application
    def _serve_filter_stats(self, request):
        ctx, experiment = _context(request)
        run, tag = _required_arg(request, "run"), _required_arg(request, "tag")
        step = _int_arg(request, "step", default=None, low=0, high=_MAX_STEP)
        return _json_response(request, self.filter_stats_impl(ctx, experiment, run=run, tag=tag, step=step))

    @wrappers.Request.application
    def _serve_weight_graph(self, request):
        ctx, experiment = _context(request)
        run, tag = _required_arg(request, "run"), _required_arg(request, "tag")
        return _json_response(request, self.weight_graph_impl(ctx, experiment, run=run, tag=tag))

    @wrappers.Request.application
    def _serve_scalars(self, request):
        ctx, experiment = _context(request)
        return _json_response(request, self.scalars_impl(ctx, experiment, run=_required_arg(request, "run")))

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

    def overlays_impl(self, ctx, experiment: str) -> dict:
        return {"overlays": self._overlays.list_overlays(ctx, experiment)}

    def filter_stats_impl(self, ctx, experiment: str, *, run: str, tag: str, step: int | None) -> dict:
        return self._overlays.filter_stats(ctx, experiment, run=run, tag=tag, step=step)

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
