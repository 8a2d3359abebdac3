"""One node of a logged graph as the details panel shows it (``GET node``).

The panel used to download the whole graph (``GET graph``, megabytes for a
large model) and scan it on every selection to show one node's attributes;
this answers just that node, with what its inputs read and who reads it.
"""

from __future__ import annotations

from tensorboard import errors

from tb_plugin import ir, serialize

__all__ = ["node_details"]


def node_details(graph: ir.Graph, name: str) -> dict:
    """What the details panel shows of node ``name``: the node, its inputs' tensors and its consumers.

    ``producers`` follows ``inputs``, each with the producer's kind and the
    tensor it reads (``null`` for an input whose producer is not in the
    graph), so the panel needs no other node; ``consumers`` lists
    ``[consumer, input index]`` once per edge.
    """
    try:
        node = graph.node(name)
    except ir.GraphError as e:
        raise errors.NotFoundError(f"{e}; pick a name from GET view or GET search") from None
    producers = []
    for ref in node.inputs:
        producer = graph.nodes.get(ref.node)
        tensor = producer.outputs[ref.output] if producer is not None and ref.output < len(producer.outputs) else None
        producers.append(
            {"node": ref.node, "output": ref.output, "kind": producer.kind.value if producer is not None else None,
             **({"shape": None, "dtype": ""} if tensor is None else serialize.node_to_json(producer)["outputs"][ref.output])}
        )
    consumers = [[consumer, index] for consumer in dict.fromkeys(graph.consumers(name))
                 for index, ref in enumerate(graph.nodes[consumer].inputs) if ref.node == name]
    module = graph.modules.get(node.module)
    return {**serialize.node_to_json(node), "class_name": module.class_name if module else "",
            "producers": producers, "consumers": consumers}
