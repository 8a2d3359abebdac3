"""The user's own model inside the wrappers that training scripts put around it.

A training script rarely holds the bare ``nn.Module``: it wraps it for
distributed training (``DistributedDataParallel``, ``DataParallel``, FSDP's
``FullyShardedDataParallel`` or ``fully_shard``) or compiles it
(``torch.compile``'s ``OptimizedModule``). GraphFold draws the model the user
wrote, so module paths carry no ``module.`` / ``_orig_mod.`` /
``_fsdp_wrapped_module.`` segments and classes are the user's own.

- :func:`unwrap_model` peels the wrappers that hold the whole model in one
  attribute (DDP, DataParallel, ``OptimizedModule``, an outer FSDP v1), in any
  nesting. A ``torch.jit.ScriptModule`` is returned as it is: it is read, not
  run (:mod:`tb_plugin.capture.torchscript`).
- :func:`is_sharded` tells whether a model's parameters are sharded (FSDP v1
  or ``fully_shard`` anywhere in it), so that no rank holds them whole.
- :func:`meta_replica` builds the structure of a sharded model on the ``meta``
  device: the same module tree and classes, every parameter and buffer an
  empty tensor of its full shape, no hooks. Capturing it touches no weights and
  needs no collective, so rank 0 alone can capture what every rank trains.

torch is imported only when a function is called.
"""

from __future__ import annotations

from typing import Any

__all__ = ["is_sharded", "meta_replica", "original_class", "unwrap_model"]

# Attributes under which FSDP v1 and activation checkpointing keep the module they wrap.
_INNER_ATTRS = ("_fsdp_wrapped_module", "_checkpoint_wrapped_module")


def unwrap_model(model):
    """The user's module inside DDP / DataParallel / ``OptimizedModule`` / an outer FSDP v1; ``model`` otherwise.

    Raises :class:`TypeError` for anything that is not an ``nn.Module``.
    """
    import torch

    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    seen: set[int] = set()
    while id(model) not in seen:  # a wrapper that holds itself must not loop forever
        seen.add(id(model))
        inner = _wrapped_module(model)
        if inner is None:
            return model
        model = inner
    return model


def is_sharded(model) -> bool:
    """Whether FSDP (v1 or ``fully_shard``) shards any parameter of ``model``."""
    return any(_is_fsdp_v1(m) or _is_fsdp_v2(m) for m in model.modules())


def original_class(module) -> type:
    """The class the user wrote: ``fully_shard`` swaps in a subclass ``FSDP<Name>``, undone here."""
    cls = type(module)
    if _is_fsdp_v2(module):  # FSDP<Name> -> FSDPModule -> Name: FSDPModule says where Name is
        return cls.__mro__[getattr(cls, "_orig_cls_mro_index", 2)]
    return cls


def meta_replica(model):
    """The module tree of ``model`` (wrappers removed) on ``meta``: full shapes, no data, no hooks.

    ``model`` is not changed. Every module is a shallow copy of the user's
    (so ``forward`` and its Python attributes are the same), with its own
    parameter, buffer and child dicts and with FSDP's hooks dropped. Shapes
    come from FSDP's bookkeeping: a ``fully_shard`` parameter is a ``DTensor``
    whose ``shape`` is the global one; an FSDP v1 flat parameter records the
    names and shapes of the parameters it holds.
    """
    import torch

    root = unwrap_model(model)
    replicas: dict[int, torch.nn.Module] = {}
    replica = _replicate(root, replicas)
    for module in model.modules():  # the outer wrappers too: an outer FSDP holds the root's own parameters
        if _is_fsdp_v1(module):
            _restore_flat_parameters(module, replicas)
    return replica


# -- helpers ----------------------------------------------------------------------------
def _wrapped_module(model) -> Any:
    import torch

    if isinstance(model, (torch.nn.parallel.DistributedDataParallel, torch.nn.DataParallel)):
        return model.module
    if _is_fsdp_v1(model):
        return getattr(model, "_fsdp_wrapped_module")
    compiled = getattr(torch, "_dynamo", None) and _optimized_module_type()
    if compiled is not None and isinstance(model, compiled):
        return model._orig_mod
    return None


def _optimized_module_type():
    try:
        from torch._dynamo.eval_frame import OptimizedModule
    except ImportError:  # a torch built without dynamo
        return None
    return OptimizedModule


def _is_fsdp_v1(module) -> bool:
    # By name, so that torch.distributed (absent from some builds) is imported only when it is in use.
    return type(module).__name__ == "FullyShardedDataParallel" and hasattr(module, "_fsdp_wrapped_module")


def _is_fsdp_v2(module) -> bool:
    return any(base.__name__ == "FSDPModule" for base in type(module).__mro__[1:])


def _replicate(module, replicas: dict) -> Any:
    """A shallow copy of ``module`` whose state lives on ``meta``, children replicated the same way."""
    import torch

    inner = _inner_module(module)
    while inner is not None:  # FSDP v1 and checkpoint wrappers inside the model
        module, inner = inner, _inner_module(inner)
    if id(module) in replicas:  # a module used twice stays one module
        return replicas[id(module)]
    # Not copy.copy: fully_shard's classes construct (and __init__) their original class when copied.
    replica = object.__new__(original_class(module))
    # FSDP's own flags (_is_fsdp_managed_module...) stay behind: Dynamo would treat the replica as FSDP's.
    replica.__dict__.update((k, v) for k, v in vars(module).items() if not k.startswith(("_fsdp", "_is_fsdp")))
    replicas[id(module)] = replica
    for name, value in list(vars(module).items()):
        if "hook" in name and isinstance(value, dict):
            setattr(replica, name, type(value)())  # FSDP's unshard/reshard hooks
    replica._parameters = {
        name: None if p is None else torch.nn.Parameter(_meta_like(p), requires_grad=p.requires_grad)
        for name, p in module._parameters.items()
        if not getattr(p, "_is_flat_param", False)  # FSDP v1's storage; _restore_flat_parameters puts back what it holds
    }
    replica._buffers = {name: None if b is None else _meta_like(b) for name, b in module._buffers.items()}
    replica._modules = {name: None if c is None else _replicate(c, replicas) for name, c in module._modules.items()}
    return replica


def _inner_module(module) -> Any:
    import torch

    inner = (module._modules.get(attr) for attr in _INNER_ATTRS)
    return next((m for m in inner if isinstance(m, torch.nn.Module)), None)


def _meta_like(tensor):
    import torch

    return torch.empty(tuple(tensor.shape), dtype=tensor.dtype, device="meta")


def _restore_flat_parameters(fsdp_module, replicas: dict) -> None:
    """Put the parameters an FSDP v1 flat parameter holds back on their modules, at full shape."""
    import torch

    handle = getattr(fsdp_module, "_handle", None)
    flat = getattr(handle, "flat_param", None)
    if flat is None:
        return
    for info, shape in zip(flat._param_infos, flat._shapes, strict=True):
        owner = replicas.get(id(info.module))
        if owner is not None:
            owner.__dict__.pop(info.param_name, None)  # FSDP's view of it, set as a plain attribute
            owner._parameters[info.param_name] = torch.nn.Parameter(
                torch.empty(tuple(shape), dtype=flat.dtype, device="meta")
            )
    for info in getattr(flat, "_shared_param_infos", ()) or ():
        owner, primary = replicas.get(id(info.module)), replicas.get(id(info.prim_module))
        if owner is not None and primary is not None:
            owner.__dict__.pop(info.param_name, None)
            owner._parameters[info.param_name] = primary._parameters[info.prim_param_name]
