"""Capture a Keras conceptual graph (the model's JSON config, plugin ``graph_keras_model``) as a layer-level graph.

``keras.callbacks.TensorBoard(write_graph=True)`` logs ``model.to_json()`` of a
``Functional`` or ``Sequential`` model. Each layer becomes a module of its
class (``Dense``), holding one node whose op is the class name and whose
attributes are the layer's config; connectivity comes from ``inbound_nodes``
(Keras 3: ``{"args": [...], "kwargs": {...}}`` holding ``__keras_tensor__``
entries with a ``keras_history``; Keras 2: ``[[layer, node, tensor, kwargs], ...]``).
A ``Sequential`` model chains its layers in order.

What is chosen:

- A nested model (a layer whose config holds ``layers``) is a module holding
  its layers; its own inputs read what feeds its call, and a layer reading the
  nested model reads the nested model's output layer. Input layers of the
  outermost model are the graph's inputs; its ``output_layers`` feed one
  output node each.
- A layer called more than once (a shared layer) has one node per call:
  ``name``, ``name#1``, ``name#2``... all in the layer's module.
- Layer names are module path segments (a ``.`` becomes ``_``); numbered blocks
  in a flat layer list get modules (:mod:`tb_plugin.capture.numbered_blocks`),
  and so do runs of single layers beside them (:mod:`tb_plugin.capture.layer_chains`).
- Config values that are numbers, strings or flat lists of them are kept as
  they are; anything else (initializers, dtype policies) as compact JSON.
- Bad input (not JSON, not a model config, a reference to a layer that does
  not exist) raises :class:`CaptureError` naming it.
"""

from __future__ import annotations

import json

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError
from tb_plugin.capture.graphdef_scopes import path_prefixes
from tb_plugin.capture.layer_chains import grouped_layer_paths
from tb_plugin.capture.numbered_blocks import original_prefixes

__all__ = ["capture_keras_model", "keras_model_graph"]

_INPUT_CLASS = "InputLayer"
_TENSOR_CLASS = "__keras_tensor__"
_MAX_NESTING = 64
_MAX_ATTR_CHARS = 2000
_SKIPPED_CONFIG = frozenset({"name", "layers", "input_layers", "output_layers"})


def capture_keras_model(blob: bytes, *, name: str = "") -> ir.Graph:
    """The layer graph of a Keras model's JSON config (UTF-8 bytes or text); :class:`CaptureError` if it is bad."""
    limits.check(len(blob), limits.MAX_BLOB_BYTES, "bytes of Keras model config", CaptureError)
    try:
        config = json.loads(blob)
    except (ValueError, RecursionError) as e:
        raise CaptureError(f"the Keras model config is not JSON ({e}): the event file is truncated or corrupt") from None
    return keras_model_graph(config, name=name)


def keras_model_graph(config: dict, *, name: str = "") -> ir.Graph:
    """The layer graph of a parsed ``model.to_json()`` / ``model.get_config()`` dict (``class_name`` + ``config``)."""
    if not isinstance(config, dict) or not isinstance(config.get("config"), dict):
        raise CaptureError("a Keras model config is an object with 'class_name' and 'config' (model.to_json())")
    builder = _Builder()
    try:
        outputs = builder.model("", config, inputs=None, depth=0)
        for i, tensor in enumerate(outputs):
            builder.nodes.append(ir.Node(f"output_{i}" if len(outputs) > 1 else "output", "output", ir.NodeKind.OUTPUT,
                                         inputs=(tensor,)))
        return builder.graph(name, str(config.get("class_name", "")))
    except ir.GraphError as e:
        raise CaptureError(f"Keras model config cannot be read: {e}") from None
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise CaptureError(f"Keras model config is malformed: {type(e).__name__}: {e}") from None


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[ir.Node] = []
        self.classes: dict[str, str] = {}
        self.outputs: dict[str, int] = {}  # node name -> outputs read

    def model(self, path: str, model: dict, *, inputs: list[ir.InputRef] | None, depth: int) -> list[ir.InputRef]:
        """Add the layers of ``model`` under ``path``; return the tensors its outputs are."""
        if depth > _MAX_NESTING:
            raise CaptureError(f"Keras model {ir.shown(path)} nests models more than {_MAX_NESTING} deep")
        config = model["config"]
        layers = config.get("layers", [])
        limits.check(len(self.nodes) + len(layers), limits.MAX_NODES, "layers in Keras model", CaptureError)
        made: dict[str, list[list[ir.InputRef]]] = {}  # layer name -> per call: its output tensors
        sequential = "input_layers" not in config
        feeds: dict[str, ir.InputRef] = {}  # a nested model's input layer -> what feeds its call
        if inputs is not None and not sequential:
            feeds = {str(t[0]): feed for t, feed in zip(_triples(config["input_layers"]), inputs)}
        elif inputs:
            feeds = {_layer_name(layer): inputs[0] for layer in layers[:1] if layer["class_name"] == _INPUT_CLASS}
        previous = list(inputs) if inputs is not None else None
        for layer in layers:
            layer_name = _layer_name(layer)
            if layer["class_name"] == _INPUT_CLASS:
                made[layer_name] = [[feeds.get(layer_name) or self._input(path, layer)]]
                previous = made[layer_name][0]
                continue
            calls = [previous or []] if sequential else _inbound_calls(layer)
            for call, reads in enumerate(calls):
                read = reads if sequential else [_tensor(made, ref, layer_name) for ref in reads]
                made.setdefault(layer_name, []).append(self._layer(path, layer, call, read, depth))
            previous = made[layer_name][-1] if calls else previous
        if sequential:
            return previous or []
        return [_tensor(made, ref, "the model's outputs") for ref in _triples(config["output_layers"])]

    def _input(self, path: str, layer: dict) -> ir.InputRef:
        name = ir.join_path(path, _layer_name(layer))
        shape = layer["config"].get("batch_shape") or layer["config"].get("batch_input_shape")
        dims = tuple(d if isinstance(d, int) else "?" for d in shape) if isinstance(shape, list) else None
        dtype = layer["config"].get("dtype") if isinstance(layer["config"].get("dtype"), str) else ""
        self.nodes.append(ir.Node(name, _INPUT_CLASS, ir.NodeKind.INPUT, module=path,
                                  outputs=(ir.TensorType(dims, dtype),), attrs=_attrs(layer["config"])))
        return ir.InputRef(name)

    def _layer(self, path: str, layer: dict, call: int, reads: list[ir.InputRef], depth: int) -> list[ir.InputRef]:
        layer_name = _layer_name(layer)
        module = ir.join_path(path, _segment(layer_name))
        self.classes[module] = str(layer["class_name"])
        if isinstance(layer["config"].get("layers"), list):  # a nested model
            return self.model(module, layer, inputs=reads, depth=depth + 1)
        name = f"{module}#{call}" if call else module
        self.nodes.append(ir.Node(name, str(layer["class_name"]), module=module, inputs=tuple(reads),
                                  attrs=_attrs(layer["config"])))
        return [ir.InputRef(name, 0)]

    def graph(self, name: str, root_class: str) -> ir.Graph:
        graph = ir.Graph(name=name, source_format=ir.SourceFormat.GRAPHDEF, producer="Keras model config",
                         root_class=root_class)
        layers = {n.name: n.module for n in self.nodes}
        chain_classes = grouped_layer_paths(self.nodes, layers)
        original: dict[str, str] = {}  # a block or run module has no original, so no class but its own
        for node in self.nodes:
            original.update(original_prefixes(layers[node.name], node.module))
        needed: dict[str, int] = {}
        for node in self.nodes:
            for ref in node.inputs:
                needed[ref.node] = max(needed.get(ref.node, 0), ref.output + 1)
        for node in self.nodes:
            for prefix in path_prefixes(node.module):
                if prefix not in graph.modules:
                    graph.add_module(prefix, chain_classes.get(prefix) or self.classes.get(original.get(prefix, ""), ""))
            if needed.get(node.name, 0) > len(node.outputs):
                node.outputs += (ir.TensorType(),) * (needed[node.name] - len(node.outputs))
            graph.add_node(node)
        graph.lint()
        return graph


def _layer_name(layer: dict) -> str:
    name = layer.get("name", layer.get("config", {}).get("name"))
    if not isinstance(name, str) or not name:
        raise CaptureError(f"a Keras layer of class {ir.shown(str(layer.get('class_name')))} has no name")
    return name


def _segment(name: str) -> str:
    return name.replace(".", "_").replace("/", "_")


def _inbound_calls(layer: dict) -> list[list[tuple]]:
    """Per call of ``layer``: the ``(layer, node_index, tensor_index)`` triples it reads."""
    calls = []
    for node in layer.get("inbound_nodes", []):
        if isinstance(node, dict):  # Keras 3
            calls.append(list(_keras_tensors([node.get("args", []), node.get("kwargs", {})])))
        else:  # Keras 2: [[layer, node, tensor, kwargs], ...]
            calls.append([tuple(entry[:3]) for entry in node])
    return calls


def _keras_tensors(value):
    """The ``keras_history`` triples in a Keras 3 call's args and kwargs, in order."""
    if isinstance(value, dict):
        if value.get("class_name") == _TENSOR_CLASS:
            yield tuple(value["config"]["keras_history"])
            return
        for item in value.values():
            yield from _keras_tensors(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keras_tensors(item)


def _triples(value) -> list[tuple]:
    """``output_layers`` / ``input_layers``: one triple, or a list of them."""
    if isinstance(value, list) and value and isinstance(value[0], str):
        return [tuple(value)]
    return [tuple(v) for v in value]


def _tensor(made: dict, ref: tuple, reader: str) -> ir.InputRef:
    layer, call, index = ref[0], int(ref[1]), int(ref[2])
    calls = made.get(layer)
    if calls is None or call >= len(calls):
        raise CaptureError(
            f"Keras layer {ir.shown(reader)} reads call {call} of layer {ir.shown(str(layer))}, which the config "
            "does not hold before it"
        )
    outputs = calls[call]
    if len(outputs) == 1:
        return ir.InputRef(outputs[0].node, outputs[0].output + index)
    return outputs[index]


def _attrs(config: dict) -> dict[str, ir.AttrValue]:
    out = {}
    for key in sorted(config):
        if key in _SKIPPED_CONFIG:
            continue
        value = config[key]
        if value is None:
            continue
        if isinstance(value, (str, int, float, bool)):
            out[key] = value
        elif isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value):
            out[key] = tuple(value)
        else:
            text = json.dumps(value, sort_keys=True, separators=(",", ":"))
            out[key] = text if len(text) <= _MAX_ATTR_CHARS else text[:_MAX_ATTR_CHARS] + "…"
    return out
