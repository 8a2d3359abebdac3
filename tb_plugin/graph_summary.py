"""What the tab's "Graph summary" box shows, computed once on the server (``GET stats``' ``summary``).

The box used to download the whole graph (``GET graph``) and count it in the
browser; these counts are small and the server has the graph decoded anyway.
The same counts as ``ir.Graph``'s own: one edge per node input, parameters
held by parameter nodes.
"""

from __future__ import annotations

import collections

from tb_plugin import ir

__all__ = ["graph_summary"]


def graph_summary(graph: ir.Graph) -> dict:
    """Counts, module classes by frequency, and the root's children with the nodes under each.

    >>> from tb_plugin import ir
    >>> g = ir.Graph(name="g")
    >>> _ = g.add_module("enc", "pkg.Encoder")
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> _ = g.add_node(ir.Node("y", "aten.relu.default", module="enc", inputs=(ir.InputRef("x"),)))
    >>> s = graph_summary(g)
    >>> s["top_level_modules"], s["root_node_count"], s["edge_count"]
    ([{'path': 'enc', 'class_name': 'pkg.Encoder', 'node_count': 1}], 1, 1)
    """
    classes = collections.Counter(m.class_name for m in graph.modules.values())
    top: dict[str, dict] = {
        m.path: {"path": m.path, "class_name": m.class_name, "node_count": 0}
        for m in graph.modules.values() if m.path and "." not in m.path
    }
    root_nodes = 0
    for node in graph.nodes.values():
        if not node.module:
            root_nodes += 1
            continue
        head = node.module.split(".", 1)[0]
        top.setdefault(head, {"path": head, "class_name": "", "node_count": 0})["node_count"] += 1
    return {
        "producer": graph.producer,
        "node_count": len(graph.nodes),
        "edge_count": graph.edge_count,
        "module_count": len(graph.modules),
        "parameter_count": graph.parameter_count,
        "class_counts": [[name, count] for name, count in sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))],
        "top_level_modules": list(top.values()),
        "root_node_count": root_nodes,
    }
