"""HTTP caching: ETags and 304s on data routes, immutable hashed assets, revalidated index.js."""

from __future__ import annotations

import pytest

from tb_plugin import http_cache, plugin, summary

from tests.conftest import make_tiny_graph, tensorboard_client

BASE = "/data/plugin/graphfold"
ARGS = {"run": "run", "tag": "tiny"}


@pytest.fixture
def client(tmp_path):
    summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
    return tensorboard_client(tmp_path)


def _revisit(client, path, **params):
    first = client.get(f"{BASE}/{path}", query_string=params)
    assert first.status_code == 200, first.get_data(as_text=True)
    etag = first.headers["ETag"]
    again = client.get(f"{BASE}/{path}", query_string=params, headers={"If-None-Match": etag})
    return first, again


class TestDataRoutes:
    @pytest.mark.parametrize("path, extra", [("view", {}), ("view", {"module": "fc"}), ("graph", {}), ("stats", {}),
                                             ("node", {"name": "relu"})])
    def test_a_revisit_is_a_304(self, client, path, extra):
        first, again = _revisit(client, path, **ARGS, **extra)
        assert first.headers["Cache-Control"] == "no-cache"
        assert again.status_code == 304 and again.get_data() == b""
        assert again.headers["ETag"] == first.headers["ETag"]

    def test_the_etag_is_the_steps_digest(self, client):
        view = client.get(f"{BASE}/view", query_string=ARGS)
        stats = client.get(f"{BASE}/stats", query_string=ARGS)
        assert view.headers["ETag"] == stats.headers["ETag"]

    def test_another_step_is_not_a_304(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        summary.write_graph(tmp_path / "run", make_tiny_graph("other"), step=1, tag="tiny")
        client = tensorboard_client(tmp_path)
        old = client.get(f"{BASE}/view", query_string={**ARGS, "step": "0"}).headers["ETag"]
        latest = client.get(f"{BASE}/view", query_string=ARGS, headers={"If-None-Match": old})
        assert latest.status_code == 200 and latest.headers["ETag"] != old

    @pytest.mark.parametrize("path", ["graphs", "start", "overlays"])
    def test_listings_are_validated_by_their_body(self, client, path):
        _, again = _revisit(client, path)
        assert again.status_code == 304

    def test_errors_carry_no_etag(self, client):
        response = client.get(f"{BASE}/view", query_string={**ARGS, "module": "nope"})
        assert response.status_code == 404


class TestStaticFiles:
    def test_index_js_is_revalidated(self, client):
        first, again = _revisit(client, "index.js")
        assert first.headers["Cache-Control"] == "no-cache" and again.status_code == 304

    def test_hashed_assets_are_immutable(self, client):
        workers = sorted(p.name for p in (plugin._STATIC_DIR / "assets").glob("layout_worker*.js"))
        assert workers, "the frontend is not built"
        response = client.get(f"{BASE}/assets/{workers[0]}", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
        expected = http_cache.IMMUTABLE if "-" in workers[0] else "no-cache"
        assert response.headers["Cache-Control"] == expected

    def test_plain_body_without_gzip(self, client):
        response = client.get(f"{BASE}/index.js")
        assert response.status_code == 200 and "Content-Encoding" not in response.headers
        assert response.get_data() == (plugin._STATIC_DIR / "index.js").read_bytes()

    def test_the_own_page_loads_index_js_under_tensorboards_csp(self, client):
        first, again = _revisit(client, "index.html")
        assert first.mimetype == "text/html" and again.status_code == 304
        body = first.get_data(as_text=True)
        assert '<meta name="graphfold-page" content="standalone">' in body
        assert '<script type="module" src="index.js"></script>' in body
        # No inline script: TensorBoard's policy allows only its own origin's scripts.
        assert "script-src 'self'" in first.headers["Content-Security-Policy"]
        assert body.count("<script") == 1

    @pytest.mark.parametrize("name, immutable", [("layout_worker-Ab12Cd34.js", True), ("index.js", False), ("layout_worker.js", False)])
    def test_hashed_name(self, name, immutable):
        assert bool(http_cache._HASHED_NAME.fullmatch(name)) == immutable
