"""Overlays: data GraphFold lays over a model graph, keyed by module path.

- :mod:`tb_plugin.overlays.measure_points`: which tensor of a conv / linear
  layer the filter statistics measure (its output after the nonlinearity);
- :mod:`tb_plugin.overlays.filter_stats`: per-filter activation statistics on
  a labelled dataset (the pruning overlay), with the class-pair distances of
  :mod:`tb_plugin.overlays.discriminability`;
- :mod:`tb_plugin.overlays.pruning_costs`: the exact parameter and MAC cost
  model of pruned channels that the stats carry for the tab's plan preview;
- :mod:`tb_plugin.overlays.batches`: layers of a model, batches of a
  dataloader, process groups;
- :mod:`tb_plugin.overlays.weight_graph`: properties of the channel-level
  weight graph (the training-dynamics overlay), over the structure that
  :mod:`tb_plugin.overlays.channel_connectivity` traces once (with the per-op
  rules of :mod:`tb_plugin.overlays.channel_rules`) and the per-layer factors of
  :mod:`tb_plugin.overlays.weight_graph_blocks`.

Each imports torch only when called, so the server side works without it.
"""
