"""Model outputs of any structure, flattened to named tensors for ``torch.export``.

Models return ``ModelOutput``s, dataclasses, named tuples, dicts and lists,
and objects that only hold tensors in attributes, like the key/value caches of
transformers (``DynamicCache``, ``EncoderDecoderCache``). ``torch.export`` can
return only what ``torch.utils._pytree`` knows, so
:func:`tb_plugin.capture.torch_export.capture_module` exports the model
through :func:`flat_output_module`, whose forward returns ``{name: tensor}``.
The naming rule is in :func:`output_name`. torch is imported only when a
function is called.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tb_plugin.capture import UniqueNames

if TYPE_CHECKING:
    import torch

__all__ = ["WRAPPED_PATH", "flat_output_module", "output_name", "tensors_with_paths"]

# Where capture_module's wrapper holds the model; stripped from every path.
WRAPPED_PATH = "model"
# Output values that are never walked for tensors: leaves, and code rather than data.
_OPAQUE = (type(None), bool, int, float, complex, str, bytes, bytearray, type, functools.partial)
_OPAQUE += (types.ModuleType, types.FunctionType, types.MethodType, types.BuiltinFunctionType)


def tensors_with_paths(value: Any) -> list[tuple[tuple[str, ...], torch.Tensor]]:
    """Every tensor in a model's output, with the path of keys, names and indices that leads to it.

    Walks mappings (``ModelOutput`` included), named tuples, sequences,
    dataclasses, and any other object through its ``__slots__`` and
    ``__dict__`` (transformers caches hold their tensors that way). Drops
    ``None`` and other non-tensor leaves, modules, classes and functions. An
    object met again inside itself is not walked again; one held twice side
    by side is walked at both places.

    >>> import torch
    >>> from collections import namedtuple
    >>> Pair = namedtuple("Pair", "first second")
    >>> output = {"a": Pair(torch.zeros(1), None), "b": [1, torch.ones(2)]}
    >>> [(path, tuple(t.shape)) for path, t in tensors_with_paths(output)]
    [(('a', 'first'), (1,)), (('b', '1'), (2,))]
    """
    found: list[tuple[tuple[str, ...], Any]] = []
    _collect_tensors(value, (), frozenset(), found)
    return found


def output_name(path: Sequence[str]) -> str:
    """The name of the ``OUTPUT`` node for the tensor at ``path`` (from :func:`tensors_with_paths`).

    >>> output_name(()), output_name(("0",)), output_name(("1", "logits"))
    ('output', 'output_0', 'output_1.logits')
    >>> output_name(("cache", "layers", "0", "keys"))
    'cache.layers.0.keys'
    """
    if not path:
        return "output"
    head, *rest = path
    # A root index alone ("0") would read as a number rather than an output.
    head = f"output_{head}" if head.isdigit() else head
    return ".".join([head, *rest]) or "output"


def flat_output_module(model: torch.nn.Module) -> torch.nn.Module:
    """A Module that holds ``model`` at ``WRAPPED_PATH`` and returns its output as ``{output name: tensor}``.

    Its ``forward`` has ``model.forward``'s signature, so that torch.export
    names the inputs and matches ``dynamic_shapes`` as it would for the model.
    """
    import inspect

    import torch

    class FlatOutputs(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.add_module(WRAPPED_PATH, model)
            self.training = model.training  # not train(), which would set the model's flags

        def forward(self, *args: Any, **kwargs: Any) -> dict[str, torch.Tensor]:
            names = UniqueNames()
            output = getattr(self, WRAPPED_PATH)(*args, **kwargs)
            return {names.take(output_name(path)): tensor for path, tensor in tensors_with_paths(output)}

    signature = inspect.signature(model.forward)
    self_parameter = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    FlatOutputs.forward.__signature__ = signature.replace(parameters=[self_parameter, *signature.parameters.values()])
    return FlatOutputs()


def _collect_tensors(value: Any, path: tuple[str, ...], ancestors: frozenset[int], found: list) -> None:
    import torch

    if isinstance(value, torch.Tensor):
        found.append((path, value))
        return
    if isinstance(value, _OPAQUE) or isinstance(value, torch.nn.Module) or id(value) in ancestors:
        return
    for key, item in _output_fields(value):
        _collect_tensors(item, (*path, str(key)), ancestors | {id(value)}, found)


def _output_fields(value: Any) -> list[tuple[Any, Any]]:
    """The ``(key, value)`` children of one output value; none for a leaf."""
    if isinstance(value, Mapping):
        return list(value.items())
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return [(field, getattr(value, field)) for field in value._fields]
    if isinstance(value, Sequence):
        return list(enumerate(value))
    if dataclasses.is_dataclass(value):
        return [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)]
    # getattr rather than cls.__dict__, which Dynamo cannot read for every class; a
    # class without slots of its own repeats its base's, hence the dict.fromkeys.
    slots = dict.fromkeys(slot for cls in reversed(type(value).__mro__) for slot in _slot_names(cls))
    fields = [(slot, getattr(value, slot)) for slot in slots if hasattr(value, slot)]
    return fields + list(getattr(value, "__dict__", {}).items())


def _slot_names(cls: type) -> tuple[str, ...]:
    slots = getattr(cls, "__slots__", ())
    slots = (slots,) if isinstance(slots, str) else tuple(slots)
    return tuple(slot for slot in slots if not slot.startswith("__"))
