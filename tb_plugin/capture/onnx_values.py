"""ONNX protos one at a time, as the IR holds them: dtypes, types, element counts, attributes, scopes.

Split from :mod:`tb_plugin.capture.onnx_model`, which walks the graph and
inlines functions; this module reads single protos: a tensor's dtype and
element count, an attribute, a node's exporter metadata or TorchScript-style
name (its module path), the graph signature, and whether every string is
UTF-8. Whatever a malformed model holds (unknown dtypes, negative or huge
dims, attributes whose type does not match their fields, deep or oversized
literal metadata) gives a faithful summary or a :class:`CaptureError` naming
the tensor, node or field. onnx is imported only when a function is called.
"""

from __future__ import annotations

import ast
import math
import re
from typing import TYPE_CHECKING

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError

if TYPE_CHECKING:
    import onnx

__all__ = [
    "CLASS_HIERARCHY_KEY",
    "GRAPH_SIGNATURE_KEY",
    "NAME_SCOPES_KEY",
    "attr_value",
    "check_utf8",
    "constant_size",
    "dtype_name",
    "element_count",
    "fqn_module",
    "initializer_kind",
    "path_from_node_name",
    "signature_kinds",
    "tensor_type",
    "torch_scopes",
]

# Metadata written by torch.onnx.export(..., dynamo=True) (checked against torch 2.13).
NAME_SCOPES_KEY = "pkg.torch.onnx.name_scopes"  # node: "['', 'encoder', 'encoder.layer.0', 'add']"
CLASS_HIERARCHY_KEY = "pkg.torch.onnx.class_hierarchy"  # node: "['pkg.Model', 'pkg.Encoder', ..., 'aten.add.Tensor']"
# graph: "p_fc_weight: PARAMETER target='fc.weight'", one line per lifted input
GRAPH_SIGNATURE_KEY = "pkg.torch.export.ExportedProgram.graph_signature"

_FQN = re.compile(r"\w+(?:\.\w+)+")
# [ \t]*, not \s*: \s also matches newlines, and a run of them would backtrack quadratically.
_SIGNATURE_LINE = re.compile(r"^[ \t]*\w+: (PARAMETER|BUFFER|CONSTANT_TENSOR) target='([^'\n]*)'", re.MULTILINE)
_SIGNATURE_KINDS = {
    "PARAMETER": ir.NodeKind.PARAMETER,
    "BUFFER": ir.NodeKind.BUFFER,
    "CONSTANT_TENSOR": ir.NodeKind.CONSTANT,
}
# onnx.TensorProto.DataType values, by torch-style name; values missing here
# fall back to the lowercased enum name, then to "dtype<N>".
_DTYPES = {
    1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
    8: "string", 9: "bool", 10: "float16", 11: "float64", 12: "uint32", 13: "uint64",
    14: "complex64", 15: "complex128", 16: "bfloat16", 17: "float8_e4m3fn", 18: "float8_e4m3fnuz",
    19: "float8_e5m2", 20: "float8_e5m2fnuz", 21: "uint4", 22: "int4", 23: "float4_e2m1fn", 24: "float8_e8m0fnu",
}  # fmt: skip
_WEIGHT_DTYPES = {1, 10, 11, 16, 17, 18, 19, 20, 23, 24} | {2, 3, 21, 22}  # floats | quantized ints
_SHOWN_DTYPES = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13}  # numpy-native: values printable in attrs
_MAX_SHOWN_ELEMENTS = 8
# Longest metadata value parsed as a Python literal: the deepest scope list of a real model is a few hundred bytes.
_MAX_LITERAL_LENGTH = 64 * 1024


# -- loading ---------------------------------------------------------------------
def check_utf8(model, what: str) -> None:
    """Raise :class:`CaptureError` naming the first string field of ``model`` that is not UTF-8.

    ONNX is proto2, whose parser does not check UTF-8: a corrupt name comes back
    as ``bytes`` instead of ``str``, and would fail far from its cause. Only set
    fields are visited, iteratively, so a large or deeply nested model costs one
    pass and no recursion.
    """
    from google.protobuf.descriptor import FieldDescriptor

    stack = [(model, "model")]
    while stack:
        message, path = stack.pop()
        for field, value in message.ListFields():
            if field.type == FieldDescriptor.TYPE_STRING:
                for i, text in enumerate(value if field.is_repeated else [value]):
                    if not isinstance(text, str):
                        where = f"{path}.{field.name}" + (f"[{i}]" if field.is_repeated else "")
                        raise CaptureError(f"{what}: field {where} is not valid UTF-8 text ({text[:40]!r}); "
                                           "the file is corrupt, export or download it again")
            elif field.type == FieldDescriptor.TYPE_MESSAGE:
                if field.message_type.GetOptions().map_entry:
                    continue  # ONNX has no maps
                children = value if field.is_repeated else [value]
                stack += [(child, f"{path}.{field.name}" + (f"[{i}]" if field.is_repeated else ""))
                          for i, child in enumerate(children)]


# -- module hierarchy ------------------------------------------------------------
def torch_scopes(node: onnx.NodeProto) -> list[tuple[str, str]] | None:
    """``(module path, class)`` from the root down to the node's module, from dynamo exporter metadata."""
    props = {p.key: p.value for p in node.metadata_props}
    scopes = _string_list(props.get(NAME_SCOPES_KEY), node, NAME_SCOPES_KEY)
    if not scopes:
        return None
    classes = _string_list(props.get(CLASS_HIERARCHY_KEY), node, CLASS_HIERARCHY_KEY)
    if len(classes) != len(scopes):
        classes = [""] * len(scopes)
    # The last entry is the FX node itself ("linear", "aten.linear.default"), not a module.
    pairs = list(zip(scopes, classes))[:-1] or [("", "")]
    return [(".".join(a for a in path.split(".") if a), class_name) for path, class_name in pairs]


def _string_list(text: str | None, node: onnx.NodeProto, key: str) -> list[str]:
    """A Python list-of-strings literal, as the exporter writes it; ``[]`` for anything else.

    >>> _string_list("['', 'fc']", None, "k"), _string_list("{[1]}", None, "k"), _string_list("[" * 999, None, "k")
    (['', 'fc'], [], [])
    """
    if not text:
        return []
    if len(text) > _MAX_LITERAL_LENGTH:
        raise CaptureError(f"metadata {key!r} of ONNX node {ir.shown(node.name)} is {len(text)} characters long, "
                           f"more than the {_MAX_LITERAL_LENGTH} an exporter writes; the model is malformed")
    try:
        value = ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return []  # not the exporter's format: the node name is the next source of hierarchy
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else []


def path_from_node_name(name: str) -> str:
    """The module path in a TorchScript-exporter node name.

    That exporter names each scope by the module's attribute name plus any
    numeric indices after it, so a segment that starts with the end of the
    path so far continues it instead of nesting (``"/head/head.0/Gemm"`` is in
    ``"head.0"``, not ``"head.head.0"``).

    >>> path_from_node_name("/encoder/layer.0/attention/self/query/MatMul")
    'encoder.layer.0.attention.self.query'
    >>> path_from_node_name("/seq/seq.0/seq.0.1/Gemm"), path_from_node_name("/Relu")
    ('seq.0.1', '')
    """
    atoms: list[str] = []
    for segment in [s for s in name.split("/") if s][:-1]:
        parts = [p for p in segment.split(".") if p]
        longest = min(len(parts) - 1, len(atoms))  # bounded by the depth so far, so a hostile name costs little
        overlap = next((k for k in range(longest, 0, -1) if atoms[-k:] == parts[:k]), 0)
        atoms += parts[overlap:]
        if len(atoms) > limits.MAX_PATH_DEPTH:
            raise ir.GraphLimitError(f"ONNX node name {ir.shown(name)} nests more than {limits.MAX_PATH_DEPTH} "
                                     "modules (tb_plugin.limits.MAX_PATH_DEPTH)")
    return ".".join(atoms)


# -- initializers ----------------------------------------------------------------
def signature_kinds(graph: onnx.GraphProto) -> dict[str, ir.NodeKind]:
    """Initializer kinds named by the torch exporter's graph signature, if the model has one."""
    text = next((p.value for p in graph.metadata_props if p.key == GRAPH_SIGNATURE_KEY), "")
    return {target: _SIGNATURE_KINDS[kind] for kind, target in _SIGNATURE_LINE.findall(text)}


def element_count(dims, what: str) -> int:
    """Elements of a tensor of shape ``dims``; raise :class:`CaptureError` naming ``what`` for a negative dim.

    >>> element_count([2, 3], "initializer 'w'")
    6
    >>> element_count([2, -1], "initializer 'w'")
    Traceback (most recent call last):
    ...
    tb_plugin.capture.CaptureError: initializer 'w' has shape [2, -1]; a stored tensor's dims cannot be negative, so the model is malformed
    """
    if len(dims) > limits.MAX_RANK:  # before the product, which grows with every dim
        raise CaptureError(f"{what} has {len(dims)} dims, more than {limits.MAX_RANK} (tb_plugin.limits.MAX_RANK)")
    dims = list(dims)
    if any(d < 0 for d in dims):
        raise CaptureError(f"{what} has shape {dims[:limits.MAX_RANK]}; a stored tensor's dims cannot be negative, "
                           "so the model is malformed")
    return math.prod(dims)


def initializer_kind(tensor: onnx.TensorProto) -> ir.NodeKind:
    if tensor.data_type in _WEIGHT_DTYPES and element_count(tensor.dims, f"initializer {ir.shown(tensor.name)}") > 1:
        return ir.NodeKind.PARAMETER
    return ir.NodeKind.CONSTANT


def fqn_module(name: str) -> str | None:
    """``"encoder.dense"`` for ``"encoder.dense.weight"``; ``None`` for names that are not dotted paths."""
    return name.rpartition(".")[0] if _FQN.fullmatch(name) else None


def constant_size(attrs: dict[str, onnx.AttributeProto], node: str) -> int:
    """Elements held by a ``Constant`` op, from whichever value attribute it has."""
    for attr_name, attribute in attrs.items():
        if attr_name == "value":
            return element_count(attribute.t.dims, f"the value of Constant {ir.shown(node)}")
        if attr_name == "sparse_value":
            return element_count(attribute.sparse_tensor.values.dims, f"the sparse value of Constant {ir.shown(node)}")
        if attr_name.startswith("value_"):
            return max(len(attribute.floats), len(attribute.ints), len(attribute.strings), 1)
    return 0


# -- types and attributes ----------------------------------------------------------
def dtype_name(data_type: int) -> str:
    """``1`` -> ``"float32"``; a value no ONNX version defines -> ``"dtype<N>"``, so the graph still loads."""
    if not data_type:
        return ""
    if data_type in _DTYPES:
        return _DTYPES[data_type]
    import onnx

    try:
        return onnx.TensorProto.DataType.Name(data_type).lower()
    except ValueError:
        return f"dtype{data_type}"


def tensor_type(type_proto: onnx.TypeProto) -> ir.TensorType:
    which = type_proto.WhichOneof("value")
    if which not in ("tensor_type", "sparse_tensor_type"):
        return ir.TensorType(None, (which or "").removesuffix("_type"))  # "sequence", "map", "optional"
    tensor = getattr(type_proto, which)
    if not tensor.HasField("shape"):
        return ir.TensorType(None, dtype_name(tensor.elem_type))
    dims = tuple(d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in tensor.shape.dim)
    return ir.TensorType(dims, dtype_name(tensor.elem_type))


def attr_value(attribute: onnx.AttributeProto, node: str) -> ir.AttrValue:
    """An attribute as the IR holds it; a type onnx cannot read raises :class:`CaptureError` naming node and attribute."""
    import onnx

    if attribute.type == onnx.AttributeProto.UNDEFINED:
        return ""
    try:
        value = onnx.helper.get_attribute_value(attribute)
    except (ValueError, TypeError) as e:
        raise CaptureError(
            f"attribute {ir.shown(attribute.name)} of ONNX node {ir.shown(node)} cannot be read ({e}); "
            "the model is malformed (onnx.checker.check_model says more)"
        ) from None
    return tuple(_attr_item(v) for v in value) if isinstance(value, list) else _attr_item(value)


def _attr_item(value) -> ir.AttrValue:
    """A scalar attribute as is; a tensor, graph or type as a short summary string."""
    import onnx

    if isinstance(value, (int, float)):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, onnx.TensorProto):
        dims = tuple(value.dims)
        text = f"tensor {ir.TensorType(dims[:limits.MAX_RANK], dtype_name(value.data_type))}"
        if (
            value.data_type in _SHOWN_DTYPES
            and value.data_location != onnx.TensorProto.EXTERNAL
            and all(d >= 0 for d in dims)
            and math.prod(dims) <= _MAX_SHOWN_ELEMENTS
        ):
            try:
                text += f" = {onnx.numpy_helper.to_array(value).tolist()}"
            except (ValueError, TypeError):  # stored data that does not fit its dims: the shape alone is shown
                text += " (stored data does not match its shape)"
        return text
    if isinstance(value, onnx.SparseTensorProto):
        return f"sparse tensor {ir.TensorType(tuple(value.dims)[:limits.MAX_RANK], dtype_name(value.values.data_type))}"
    if isinstance(value, onnx.GraphProto):
        return f"graph {value.name!r} ({len(value.node)} nodes)"
    if isinstance(value, onnx.TypeProto):
        return f"type {tensor_type(value)}"
    return str(value)
