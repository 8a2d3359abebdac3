/** Weight-graph series and scalars shaped like GET weight_graph, GET overlays and GET scalars answers (docs/http_api.md). */

import type { WeightGraphJson, WeightGraphLayerJson, WeightGraphListing, WeightGraphPropertyJson } from "../src/types";

/** The sample of docs/http_api.md, verbatim. */
export const DOCS_WEIGHT_GRAPH: WeightGraphJson = {
  run: "digits/lr0.01",
  tag: "weight_graph",
  graph_tag: "model",
  properties: ["weighted_degree", "eigenvector_centrality"],
  steps: [
    {
      step: 0,
      wall_time: 1795000000.5,
      node_count: 171,
      edge_count: 3040,
      seconds: 0.02,
      layers: [
        {
          module: "features.0",
          layer_type: "Conv2d",
          node_count: 16,
          properties: { weighted_degree: { mean: 1.2, std: 0.3, quantiles: [0.5, 1.0, 1.2, 1.4, 2.0], top: [[3, 2.0], [7, 1.9]], values: [1.1, 0.9] } },
        },
      ],
    },
  ],
};

/** A property summary whose quantiles are `mean + [-2, -1, 0, 1, 2] · std` and whose top channel holds the max. */
export function prop(mean: number, std = 1): WeightGraphPropertyJson {
  const quantiles = [-2, -1, 0, 1, 2].map((d) => mean + d * std);
  return { mean, std, quantiles, top: [[0, quantiles[4]!], [1, quantiles[3]!]], values: [] };
}

/** A layer with `weighted_degree` = prop(degree) and `eigenvector_centrality` = prop(centrality, 0.1). */
export function wgLayer(module: string, nodes: number, degree: number, centrality = degree / 10): WeightGraphLayerJson {
  return { module, layer_type: "Linear", node_count: nodes, properties: { weighted_degree: prop(degree), eigenvector_centrality: prop(centrality, 0.1) } };
}

/** A series of run `run`: per logged step, its layers. */
export function weightGraph(run: string, steps: [number, WeightGraphLayerJson[]][], tag = "weight_graph", graphTag = "bert"): WeightGraphJson {
  return {
    run,
    tag,
    graph_tag: graphTag,
    properties: ["eigenvector_centrality", "weighted_degree"],
    steps: steps.map(([step, layers]) => ({ step, wall_time: 1795000000 + step, error: null, node_count: 99, edge_count: 999, seconds: 0.01, layers })),
  };
}

/** The GET overlays entry of `series`. */
export function weightListing(series: WeightGraphJson): WeightGraphListing {
  return {
    run: series.run,
    tag: series.tag,
    kind: "weight_graph",
    graph_tag: series.graph_tag,
    steps: series.steps.map((s) => ({ step: s.step, wall_time: s.wall_time, error: null, layers: "layers" in s ? s.layers.length : 0, nodes: 99 })),
  };
}
