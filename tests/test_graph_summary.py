"""GET stats' summary: the graph summary box's counts, computed on the server."""

from __future__ import annotations

import json

from tb_plugin import summary
from tb_plugin.graph_summary import graph_summary

from tests.conftest import make_tiny_graph, tensorboard_client


class TestGraphSummaryFunction:
    def test_counts_match_the_graph(self):
        graph = make_tiny_graph()
        s = graph_summary(graph)
        assert (s["node_count"], s["edge_count"], s["parameter_count"]) == (5, graph.edge_count, graph.parameter_count)


class TestGraphSummary:
    def test_stats_carry_the_summary_box_counts(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        client = tensorboard_client(tmp_path)
        body = json.loads(client.get("/data/plugin/graphfold/stats", query_string={"run": "run", "tag": "tiny"}).get_data(as_text=True))
        assert body["summary"] == {
            "producer": "hand", "node_count": 5, "edge_count": 4, "module_count": 2, "parameter_count": 12,
            "class_counts": [["Tiny", 1], ["torch.nn.modules.linear.Linear", 1]],
            "top_level_modules": [{"path": "fc", "class_name": "torch.nn.modules.linear.Linear", "node_count": 2}],
            "root_node_count": 3,
        }
