"""The capture chain: the methods that ``log_graph`` tries, in order, until one captures the model.

``torch.export`` gives the most faithful graph (every path of the model,
symbolic shapes, ATen ops) but refuses models that branch on tensor values,
as detection models do when they filter proposals. ``SummaryWriter.add_graph``
draws those through a TorchScript trace. :func:`capture_model` therefore tries

1. ``torch.export`` (non-strict), recorded as ``"torch.export"``;
2. ``torch.export`` with ``strict=True`` (TorchDynamo), ``"torch.export(strict)"``;
3. a TorchScript trace, ``"torchscript"`` (:mod:`tb_plugin.capture.torchscript`):
   it always follows the path the example inputs take;

(with ``strict=True`` asked for, the two exports swap places). The first that
succeeds wins; :attr:`ir.Graph.capture` records which. When an earlier one
failed, one :class:`CaptureFallbackWarning` names the method used and, one
line each, why the earlier ones failed (the innermost cause of each error).
Only when every method fails is :class:`CaptureError` raised, listing every
method's reason and what to try.

Before any method runs, the model is unwrapped (:mod:`tb_plugin.model_wrappers`):
DDP, DataParallel, ``torch.compile`` and an outer FSDP are peeled; a sharded
model (FSDP v1, ``fully_shard``) is captured from its structure on ``meta``;
a ``torch.jit.ScriptModule`` is read as it is, by the TorchScript method only.
A model whose state lies on ``meta`` (built under ``torch.device("meta")``)
gets its example inputs moved to ``meta`` too, so no weight is ever read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import warnings
from collections.abc import Callable
from typing import Any

from tb_plugin import ir
from tb_plugin.capture import CaptureError

__all__ = ["CaptureFallbackWarning", "FailedAttempt", "capture_model", "innermost_reason"]

EXPORT, EXPORT_STRICT, TORCHSCRIPT = "torch.export", "torch.export(strict)", "torchscript"


class CaptureFallbackWarning(UserWarning):
    """``log_graph`` captured the model with a later method of the chain, because earlier ones failed."""


@dataclasses.dataclass(frozen=True)
class FailedAttempt:
    """One method of the chain that failed, and the innermost cause, on one line."""

    method: str
    reason: str


def capture_model(
    model: Any, example_inputs: Any, *, strict: bool = False, dynamic_shapes: Any = None, name: str | None = None
) -> ir.Graph:
    """Capture ``model`` with the first method of the chain that succeeds; see the module docstring.

    ``example_inputs``, ``strict`` and ``dynamic_shapes`` are as for
    :func:`tb_plugin.capture.torch_export.capture_module` (the trace ignores
    ``dynamic_shapes``: it records the example's shapes). ``name`` defaults to
    the class name of the user's model. Raises :class:`CaptureError` when every
    method fails.
    """
    import torch

    from tb_plugin import model_wrappers

    if not isinstance(model, torch.nn.Module):
        raise CaptureError(
            f"log_graph needs a torch.nn.Module, got {type(model).__name__}; "
            "wrap the function in a Module whose forward calls it"
        )
    wrapped, model = model, model_wrappers.unwrap_model(model)
    if name is None:
        scripted = isinstance(model, torch.jit.ScriptModule)
        name = model.original_name if scripted else model_wrappers.original_class(model).__name__
    target = model_wrappers.meta_replica(wrapped) if model_wrappers.is_sharded(wrapped) else model
    on_meta = _state_on_meta(target)
    inputs = _on_meta(example_inputs) if on_meta else example_inputs
    failures: list[FailedAttempt] = []
    for method, capture in _methods(target, strict=strict, dynamic_shapes=dynamic_shapes, name=name):
        try:
            graph = capture(inputs)
        except CaptureError as e:
            failures.append(FailedAttempt(method, innermost_reason(e)))
            continue
        graph.capture = method
        if failures:
            warnings.warn(fallback_message(name, method, failures), CaptureFallbackWarning, stacklevel=3)
        return graph
    raise CaptureError(all_failed_message(name, failures, on_meta=on_meta))


def innermost_reason(error: BaseException) -> str:
    """``"Type: first line"`` of the deepest cause of ``error``, at most 300 characters.

    >>> try:
    ...     try:
    ...         raise KeyError("inner")
    ...     except KeyError as e:
    ...         raise RuntimeError("outer\\nmore") from e
    ... except RuntimeError as e:
    ...     innermost_reason(e)
    "KeyError: 'inner'"
    """
    seen = {id(error)}
    while True:
        cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
        if cause is None or id(cause) in seen:
            break
        seen.add(id(cause))
        error = cause
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[0] if lines else '(no message)'}"[:300]


def fallback_message(name: str, method: str, failures: list[FailedAttempt]) -> str:
    """The warning's text: the method used, then one line per method that failed before it."""
    lines = [f"GraphFold captured {name} with {method}, because:"]
    lines += [f"  {f.method} failed: {f.reason}" for f in failures]
    if method == TORCHSCRIPT:
        lines.append("  (a trace records the path the example inputs took through data-dependent code)")
    return "\n".join(lines)


def all_failed_message(name: str, failures: list[FailedAttempt], *, on_meta: bool = False) -> str:
    """The :class:`CaptureError` text when every method failed: each reason, then what to try."""
    lines = [f"GraphFold could not capture {name} with any method:"]
    lines += [f"- {f.method}: {f.reason}" for f in failures]
    hints = []
    if any("data-dependent" in f.reason.lower() or "DataDependent" in f.reason for f in failures):
        hints.append("forward branches on tensor values: express the branch with torch.cond or torch.where")
        if on_meta:
            hints.append("the model is on the meta device, which holds no values to branch on: the trace "
                         "needs the model built on a real device")
    elif on_meta:
        hints.append("the model is on the meta device: check that forward reads no tensor's values")
    hints += [
        "check that model(*example_inputs) runs as it is: the trace calls forward once with them",
        "pass dynamic_shapes=... (or none) so the example inputs fit the shapes forward accepts",
        "wrap the model in a Module whose forward takes only tensors (or tuples/dicts of them)",
        "or export it to ONNX yourself and log the file with tb_plugin.log_onnx",
    ]
    return "\n".join(lines + ["What to try:"] + [f"- {hint}" for hint in hints])


# -- helpers ----------------------------------------------------------------------------
def _methods(
    model: Any, *, strict: bool, dynamic_shapes: Any, name: str
) -> list[tuple[str, Callable[[Any], ir.Graph]]]:
    """The chain for ``model``: the exports in the asked order, then the trace; a ScriptModule is only read."""
    import torch

    from tb_plugin.capture import torch_export, torchscript

    def export(strict_mode: bool) -> Callable[[Any], ir.Graph]:
        def capture(inputs: Any) -> ir.Graph:
            # On a data-dependent failure torch prints the partial graph to stderr; the reason is reported instead.
            with contextlib.redirect_stderr(io.StringIO()):
                return torch_export.capture_module(model, inputs, name=name, strict=strict_mode,
                                                   dynamic_shapes=dynamic_shapes)
        return capture

    trace = (TORCHSCRIPT, lambda inputs: torchscript.capture_torchscript(model, inputs, name=name))
    if isinstance(model, torch.jit.ScriptModule):
        return [trace]
    exports = [(EXPORT, export(False)), (EXPORT_STRICT, export(True))]
    return [*(reversed(exports) if strict else exports), trace]


def _state_on_meta(model: Any) -> bool:
    """Whether every parameter and buffer of ``model`` (and there is one) lies on ``meta``."""
    devices = {t.device.type for t in [*model.parameters(), *model.buffers()]}
    return devices == {"meta"}


def _on_meta(example_inputs: Any) -> Any:
    """``example_inputs`` with every tensor moved to ``meta`` (shapes and dtypes kept, data dropped)."""
    import torch
    from torch.utils import _pytree as pytree

    return pytree.tree_map(lambda x: x.to("meta") if isinstance(x, torch.Tensor) else x, example_inputs)
