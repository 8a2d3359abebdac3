"""Where each operator of a training step goes: the rules of :mod:`tb_plugin.capture.training`, as pure functions.

The module tree of a training-step graph holds both directions:

- a forward operator belongs to the innermost module of its
  ``nn_module_stack``, as in :func:`tb_plugin.log_graph`. What ``loss_fn``
  computes outside the model belongs to the module :data:`LOSS_PATH`
  (``loss_fn``'s class, or :data:`LOSS_CLASS` for a function);
- AOTAutograd gives each backward operator the ``nn_module_stack`` of the
  forward operator it differentiates (``fwd_nn_module_stack``, matched
  through the autograd sequence number ``seq_nr``): ``threshold_backward``
  goes with the ReLU's module, the ``mm``s of a Linear's gradient with that
  Linear. It goes into that module's *backward group* (:func:`backward_path`),
  a module of class ``graphfold.Backward/<the forward module's class>``
  (:data:`BACKWARD_CLASS`);
- autograd's own sums, where a tensor feeds several operators and its
  gradient adds their contributions, differentiate no operator and get no
  stack. Such a sum is the gradient of one forward output, read by the
  backward of the operator that produced it, so it joins the deepest backward
  group that holds all of its readers (:func:`common_group`; a parameter's
  gradient output counts as that parameter's backward group); with no placed
  reader it joins the group of its inputs, and failing that the root's ``∇``;
- the optimizer's update of a parameter goes into ``optimizer.<its module>``
  (:mod:`tb_plugin.capture.training_optimizer`).

Nothing here imports torch.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from tb_plugin import ir

__all__ = [
    "BACKWARD_CLASS", "BACKWARD_SEGMENT", "LOSS_CLASS", "LOSS_PATH", "backward_path", "common_group",
    "repeated_blocks",
]

BACKWARD_SEGMENT = "∇"
"""The path segment of a backward group: ``encoder.layer.0.∇`` holds the backward of ``encoder.layer.0``."""
BACKWARD_CLASS = "graphfold.Backward"
"""Class prefix of backward groups: ``graphfold.Backward/<class of the forward module>``."""
LOSS_PATH = "loss"
"""The module of what ``loss_fn`` computes outside the model (``loss_1``... if the model has a ``loss``)."""
LOSS_CLASS = "graphfold.Loss"
"""The class of :data:`LOSS_PATH` when ``loss_fn`` is a function rather than a Module."""


def backward_path(path: str, blocks: Collection[str]) -> str:
    """The backward group of forward module ``path``: a mirror of it inside its innermost block.

    A *block* is a module that repeats (:func:`repeated_blocks`). The backward
    of module ``B.rest`` inside block ``B`` lies at ``B.∇.rest``, so each block
    holds its own backward as one group whose insides mirror the block's, and
    stacks of blocks (``BertLayer ×12``) stack with it. Modules in no block
    mirror into the root's group ``∇``.

    >>> backward_path("layer.0.attention.query", {"layer.0", "layer.1"})
    'layer.0.∇.attention.query'
    >>> backward_path("layer.1", {"layer.0", "layer.1"}), backward_path("head", {"layer.0"}), backward_path("", ())
    ('layer.1.∇', '∇.head', '∇')
    """
    block = path
    while block and block not in blocks:
        block = ir.parent_path(block) or ""
    rest = path[len(block):].lstrip(".")
    return ir.join_path(ir.join_path(block, BACKWARD_SEGMENT), rest) if rest else ir.join_path(block, BACKWARD_SEGMENT)


def repeated_blocks(classes: Mapping[str, str]) -> set[str]:
    """Modules that hold modules and share their class with a sibling that does too (``encoder.layer.3``).

    ``classes`` maps every module path to its class. Leaf modules (``query``,
    ``key`` and ``value`` Linears) are no blocks: their backward joins the
    block around them.

    >>> sorted(repeated_blocks({"": "M", "h": "List", "h.0": "B", "h.0.fc": "L", "h.1": "B", "h.1.fc": "L", "fc": "L"}))
    ['h.0', 'h.1']
    """
    composite = {ir.parent_path(path) for path in classes if path}
    siblings: dict[tuple[str, str], list[str]] = {}
    for path, cls in classes.items():
        if path and path in composite:
            siblings.setdefault((ir.parent_path(path) or "", cls), []).append(path)
    return {path for group in siblings.values() if len(group) > 1 for path in group}


def common_group(paths: list[str]) -> str:
    """The deepest backward group holding every one of ``paths`` (the root's ``∇`` when no other does).

    >>> common_group(["h.0.∇.attn.q", "h.0.∇.attn.k"]), common_group(["h.0.∇", "h.1.∇"]), common_group(["h.0"])
    ('h.0.∇.attn', '∇', '∇')
    """
    common = paths[0].split(".")
    for path in paths[1:]:
        segments = path.split(".")
        n = 0
        while n < min(len(common), len(segments)) and common[n] == segments[n]:
            n += 1
        common = common[:n]
    return ".".join(common) if BACKWARD_SEGMENT in common else BACKWARD_SEGMENT
