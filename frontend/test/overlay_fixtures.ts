/** Filter statistics shaped like GET filter_summary, GET filter_layer and GET overlays answer (docs/http_api.md). */

import type { ClassPairJson, CostTermJson, FilterLayerJson, FilterStatsJson, FilterStatsListing, FilterSummaryWire, PruningGroupJson } from "../src/types";

export const METRICS: FilterStatsJson["metrics"] = [
  { key: "discriminability", label: "Discriminability", weak: "low" },
  { key: "apoz", label: "APoZ (%)", weak: "high" },
  { key: "activation_l1", label: "Activation L1", weak: "low" },
  { key: "weight_l1", label: "Weight L1", weak: "low" },
];

/** The sample of docs/http_api.md, verbatim (its cost model is one term of a larger model). */
export const DOCS_SAMPLE: FilterStatsJson = {
  run: "digits/original",
  tag: "filter_stats",
  step: 30,
  wall_time: 1795000000.5,
  graph_tag: "model",
  class_names: ["0", "1", "2"],
  class_counts: [60, 61, 59],
  example_count: 180,
  parameter_count: 23466,
  macs: 1170432,
  world_size: 1,
  metrics: METRICS,
  layers: [
    {
      module: "features.0",
      layer_type: "Conv2d",
      filter_count: 4,
      hooked: "features.2: aten.relu.default (after aten.batch_norm.default)",
      weight_shape: [4, 1, 3, 3],
      group: 0,
      metrics: {
        discriminability: [1.9, 0.02, 2.4, 0.1],
        apoz: [35.0, 99.5, 20.1, 0.0],
        activation_l1: [7.6, 0.03, 15.2, 19.2],
        weight_l1: [2.1, 0.4, 3.3, 1.7],
      },
    },
  ],
  groups: [{ modules: ["features.0"], channel_count: 4, parameters_per_channel: 302, macs_per_channel: 18432, prunable: true, reason: "" }],
  fixed_parameters: 650,
  cost_terms: [
    { module: "features.0", out_fixed: 0, in_fixed: 1, out: [{ group: 0, count: 4 }], in: [], params_per_pair: 9, params_per_out: 1, params_per_in: 0, macs_per_pair: 576, macs_per_out: 0 },
  ],
};

/** The docs sample's `class_means_normalized` (GET filter_layer of "features.0"): 3 classes × 4 filters. */
export const DOCS_CLASS_MEANS: number[][] = [[0.24, 0.0, 0.8, 0.6], [0.4, 0.02, 0.2, 0.6], [1.0, 0.0, 0.4, 0.6]];

/** A conv's cost term: `out` and `in` are [group, count] shares or fixed counts; 9 weights per pair, a bias per output. */
export function term(module: string, out: [number, number] | number, input: [number, number] | number, macsPerPair = 100): CostTermJson {
  const side = (s: [number, number] | number) => (typeof s === "number" ? { fixed: s, shares: [] } : { fixed: 0, shares: [{ group: s[0], count: s[1] }] });
  const o = side(out);
  const i = side(input);
  return { module, out_fixed: o.fixed, in_fixed: i.fixed, out: o.shares, in: i.shares, params_per_pair: 9, params_per_out: 1, params_per_in: 0, macs_per_pair: macsPerPair, macs_per_out: 0 };
}

/** The normalised class means `layer` pairs with: a[c][f] = ((c + 1)(f + 1) mod 7) / 6. */
export function classMeans(filters: number, classes = 3): number[][] {
  return Array.from({ length: classes }, (_, c) => Array.from({ length: filters }, (_, f) => ((c + 1) * (f + 1)) % 7 / 6));
}

/** A layer of `filters` filters; metric f of filter i is `values(i)`. */
export function layer(module: string, filters: number, group: number, overrides: Partial<FilterLayerJson> = {}): FilterLayerJson {
  return {
    module,
    layer_type: "Conv2d",
    filter_count: filters,
    hooked: `${module}: aten.relu.default`,
    weight_shape: [filters, 3, 3, 3],
    group,
    metrics: {
      discriminability: Array.from({ length: filters }, (_, f) => f + 1),
      apoz: Array.from({ length: filters }, (_, f) => (f % 2 ? 95 : 10)),
      activation_l1: Array.from({ length: filters }, (_, f) => 10 - f),
      weight_l1: Array.from({ length: filters }, () => 1),
    },
    ...overrides,
  };
}

export function stats(layers: FilterLayerJson[], groups: PruningGroupJson[], overrides: Partial<FilterStatsJson> = {}): FilterStatsJson {
  return {
    ...DOCS_SAMPLE,
    run: "demo",
    tag: "filter_stats",
    step: 3,
    graph_tag: "bert",
    layers,
    groups,
    fixed_parameters: 0,
    cost_terms: [],
    class_names: Array.from({ length: 3 }, (_, c) => `class ${c}`),
    ...overrides,
  };
}

export function group(modules: string[], channels: number, prunable = true, reason = ""): PruningGroupJson {
  return { modules, channel_count: channels, parameters_per_channel: 100, macs_per_channel: 1000, prunable, reason };
}

export function listing(run: string, graphTag: string, steps: number[] = [3], tag = "filter_stats"): FilterStatsListing {
  return {
    run,
    tag,
    kind: "filter_stats",
    graph_tag: graphTag,
    steps: steps.map((step) => ({ step, wall_time: 1795000000.5, error: null, layers: 2, classes: 3, parameter_count: 600, macs: 6000 })),
  };
}

function base64(values: readonly number[]): string {
  const bytes = new Uint8Array(new Float32Array(values).buffer);
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** `stats` as GET filter_summary sends it (metrics base64 float32; means, counts and quantiles left empty). */
export function summaryWire(s: FilterStatsJson): FilterSummaryWire {
  const layers = s.layers.map((l) => ({
    ...l,
    metrics: Object.fromEntries(Object.entries(l.metrics).map(([k, v]) => [k, base64(v)])) as FilterSummaryWire["layers"][number]["metrics"],
    means: {} as FilterSummaryWire["layers"][number]["means"],
    weak_counts: {} as FilterSummaryWire["layers"][number]["weak_counts"],
  }));
  return { ...s, schema_version: 1, encoding: "float32-le", quantile_levels: [], quantiles: {} as FilterSummaryWire["quantiles"], weak_thresholds: {} as FilterSummaryWire["weak_thresholds"], layers };
}

/** A GET filter_layer body: uint32 header length, JSON header (padded to 4 bytes), float32 rows of `a`. */
export function layerBody(
  module: string,
  a: readonly (readonly number[])[],
  pairs: { best: ClassPairJson[]; worst: ClassPairJson[] } = { best: [], worst: [] },
  classes: readonly number[] = a.map((_, c) => c),
): ArrayBuffer {
  const filters = a[0]?.length ?? 0;
  const rows = classes.map((c) => a[c]!);
  const header = {
    schema_version: 1, payload_version: 2, encoding: "float32-le", module, class_count: a.length, filter_count: filters, classes,
    arrays: [{ name: "class_means_normalized", offset: 0, shape: [classes.length, filters] }], pairs,
  };
  let text = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((text.length + 4) % 4)) % 4;
  text = new TextEncoder().encode(JSON.stringify(header) + " ".repeat(pad));
  const buffer = new ArrayBuffer(4 + text.length + rows.length * filters * 4);
  new DataView(buffer).setUint32(0, text.length, true);
  new Uint8Array(buffer, 4, text.length).set(text);
  new Float32Array(buffer, 4 + text.length, rows.length * filters).set(rows.flat());
  return buffer;
}
