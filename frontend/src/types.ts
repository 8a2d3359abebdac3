/**
 * The JSON the backend serves, as documented in docs/http_api.md and produced
 * by tb_plugin/serialize.py (graph_to_json, header_to_json). Wire types only:
 * view models live next to the code that builds them.
 */

/** The newest graph JSON schema this frontend reads (tb_plugin.metadata.SCHEMA_VERSION). */
export const SCHEMA_VERSION = 1;

/** Where a graph comes from: GraphFold's own summaries, or TensorBoard's GraphDefs. */
/** Where a graph was logged (`GET graphs`): GraphFold's own, or one of the graphs TensorBoard's Graphs dashboard draws. */
export type GraphSource = "graphfold" | "graphdef" | "tf_trace" | "run_metadata" | "keras_model";

export type SourceFormat = "unspecified" | "torch_export" | "onnx" | "graphdef" | "torchscript";

/**
 * How a graph was captured (`ir.CAPTURE_METHODS`): "torch.export", "torch.export(strict)",
 * "torchscript", "onnx" or "graphdef"; "" for logs written before GraphFold recorded it.
 */
export type CaptureMethod = "" | "torch.export" | "torch.export(strict)" | "torchscript" | "onnx" | "graphdef";

export type NodeKind = "op" | "parameter" | "buffer" | "constant" | "input" | "output";

/** What the header of a readable step says about its graph. */
export interface StepCounts {
  name: string;
  source_format: SourceFormat;
  node_count: number;
  edge_count: number;
  module_count: number;
  parameter_count: number;
  /** Size of the logged (compressed) graph blob. */
  blob_bytes: number;
  blob_bytes_uncompressed: number;
}

export interface ReadableStep extends StepCounts {
  step: number;
  wall_time: number;
  error: null;
}

/** A step whose header cannot be read carries the reason and no counts. */
export interface UnreadableStep {
  step: number;
  wall_time: number;
  error: string;
}

export type StepInfo = ReadableStep | UnreadableStep;

/** One time series of graphs: `GET graphs` answers `{"graphs": GraphListing[]}`. */
export interface GraphListing {
  run: string;
  tag: string;
  source: GraphSource;
  /** What the source is, for people ("Keras conceptual graph"); absent from older servers. */
  label?: string;
  steps: StepInfo[];
}

export interface GraphsResponse {
  graphs: GraphListing[];
}

/** `GET start`: the listing, the graph picked from it, and the views its first drawing opens, by module path. */
export interface StartJson extends GraphsResponse {
  graph: { run: string; tag: string; source: GraphSource; step: number } | null;
  views: Record<string, ViewJson>;
  /** Asked for with `expand`: the expansion `views` draws (`GET expand` less its views), or why it could not be answered. */
  expanded?: Omit<ExpandJson, "views"> | { depth: number | null; error: string };
}

/** `GET expand`: the items "expand all" / "expand to depth N" open, and every view they draw. */
export interface ExpandJson {
  /** The depth asked for; null: everything. */
  depth: number | null;
  /** Opened item ids, outermost first. */
  open: string[];
  /** Module path -> its view (as `GET view`), the root's included. */
  views: Record<string, ViewJson>;
  /** Openable items left closed below `depth`. */
  closed: number;
}

/** A dimension is a size, or a string for a symbolic size ("s0"). */
export type Dim = number | string;

export interface TensorJson {
  /** `null` when the rank is unknown. */
  shape: Dim[] | null;
  dtype: string;
}

/** Attributes are scalars or lists; NaN and infinities arrive as strings. */
export type AttrJson = string | number | boolean | (string | number)[];

/** `[producer node name, producer output index]`. */
export type InputJson = [string, number];

export interface NodeJson {
  name: string;
  op: string;
  kind: NodeKind;
  /** Dotted path of the owning module; "" is the root. */
  module: string;
  inputs: InputJson[];
  outputs: TensorJson[];
  attrs: Record<string, AttrJson>;
  parameter_count: number;
}

/** One input's producer, as `GET node` answers it: its kind and the tensor read (`kind` null: not in the graph). */
export interface ProducerJson extends TensorJson {
  node: string;
  output: number;
  kind: NodeKind | null;
}

/** `GET node`: one node, with its module's class, what its inputs read and who reads it. */
export interface NodeDetailsJson extends NodeJson {
  class_name: string;
  /** One per entry of `inputs`, in order. */
  producers: ProducerJson[];
  /** `[consumer, input index]`, once per edge. */
  consumers: [string, number][];
}

export interface ModuleJson {
  /** Dotted path, as in PyTorch ("encoder.layer.0"); "" is the root. */
  path: string;
  /** Fully qualified class ("torch.nn.Linear"); "" when unknown (GraphDefs). */
  class_name: string;
}

/** `GET graph` answers one graph in this form. */
export interface GraphJson {
  schema_version: number;
  name: string;
  source_format: SourceFormat;
  producer: string;
  /** Absent from servers older than the field. */
  capture?: CaptureMethod;
  /** A training-step graph's phases in the order they run ("forward", "loss", "backward", "optimizer"); [] otherwise. */
  phases?: string[];
  modules: ModuleJson[];
  nodes: NodeJson[];
}

/** The body of every 4xx answer. */
export interface ApiErrorJson {
  error: { code: number; message: string };
}

// -- GET view -------------------------------------------------------------------------

/** One output tensor of a node, named by producer and output index. */
export interface TensorRefJson extends TensorJson {
  node: string;
  output: number;
}

/** A parameter or constant folded into the operator that reads it (or a shape check, `sym_size`, feeding it). */
export interface EmbeddedJson extends TensorRefJson {
  kind: NodeKind;
  /** The consumer's input index it feeds. */
  input: number;
  parameter_count: number;
  op: string;
}

/** An export check (`_assert_tensor_metadata`, `sym_size`...) that reads a node; checks are not drawn. */
export interface CheckJson {
  name: string;
  op: string;
}

/** An operator (or graph input/output) drawn in a view; id is `n:` + name. */
export interface OpItemJson {
  id: string;
  type: NodeKind;
  name: string;
  op: string;
  outputs: TensorRefJson[];
  embedded: EmbeddedJson[];
  /** The hidden export checks that read this node. */
  checks: CheckJson[];
  parameter_count: number;
}

/**
 * The module paths a child stands for besides its own (outermost first): modules that
 * hold nothing but it (`["encoder", "encoder.layer"]` around `s:encoder.layer.0`).
 * Absent when nothing wraps it.
 */
export type WrappersJson = string[];

/** A child module drawn closed; id is `m:` + path. */
export interface ModuleItemJson {
  id: string;
  type: "module";
  path: string;
  /** The last dotted segment of the path. */
  name: string;
  /** "graphfold.Helper" for a helper region (mask and position-id computations grouped by the server). */
  class_name: string;
  parameter_count: number;
  node_count: number;
  wrappers?: WrappersJson;
}

/** One thing in which a stack member differs from the representative (tb_plugin/passes/stacking.py). */
export interface StackDifferenceJson {
  /** The path of the member this difference is about. */
  module: string;
  /** The representative's node (or module path, for `class_name`). */
  node: string;
  /** The member's matching node (or module path). */
  member_node: string;
  /** "shape", "dtype", "shape[1]", "outputs", "attrs.<name>" or "class_name". */
  field: string;
  representative: unknown;
  member: unknown;
}

/** An edge from one stack member to another. */
export interface StackMemberEdgeJson {
  source: string;
  target: string;
  count: number;
  tensors: TensorRefJson[];
  tensor_count: number;
}

/** A stack member whose structure differs a little from the representative's. */
export interface StackVariantJson {
  member: string;
  /** Names of the nodes the member has and the representative lacks (at most 50; `adds_count` is the total). */
  adds: string[];
  /** Names of the representative's nodes the member lacks (at most 50; `lacks_count` is the total). */
  lacks: string[];
  adds_count: number;
  lacks_count: number;
  /** The edit distance between the two structures. */
  edits: number;
}

/** Isomorphic sibling modules drawn as one item; id is `s:` + the representative's path. */
export interface StackItemJson {
  id: string;
  type: "stack";
  class_name: string;
  count: number;
  representative: string;
  members: string[];
  member_parameter_counts: number[];
  parameter_count: number;
  node_count: number;
  differences: StackDifferenceJson[];
  /** Edges between members (`m:` ids): inside the stack while stacked, drawn when unstacked. */
  member_edges: StackMemberEdgeJson[];
  /** Members that are variants of the representative (`count` and `members` include them); [] for an exact stack. */
  variants: StackVariantJson[];
  wrappers?: WrappersJson;
}

export type ViewItemJson = OpItemJson | ModuleItemJson | StackItemJson;

export interface ViewEdgeJson {
  id: string;
  source: string;
  target: string;
  /** Original edges this drawn edge stands for. */
  count: number;
  /** The first (at most 8) distinct tensors it carries. */
  tensors: TensorRefJson[];
  tensor_count: number;
  /** Reversed by cycle removal: drawn as a back edge. */
  reversed: boolean;
  /** Carries a gradient of a training-step graph (a tensor made by a backward op): drawn in the gradient colour. */
  gradient?: boolean;
}

/** Data entering the module: a tensor made outside, read by `targets`. */
export interface BoundaryInputJson extends TensorRefJson {
  id: string;
  targets: string[];
  count: number;
}

/** Data leaving the module: a tensor made by item `source`. */
export interface BoundaryOutputJson extends TensorRefJson {
  id: string;
  source: string;
  count: number;
}

/** `[producer, output, consumer, input index]` of one original edge. */
export type OriginalEdgeJson = [string, number, string, number];

/** A stub standing for pruned edges of one tensor at one item. */
export interface PortStubJson extends TensorRefJson {
  id: string;
  item: string;
  direction: "in" | "out";
  /** The producer's name. */
  label: string;
  /** Why the edges were pruned ("fan_out"...). */
  reason: string;
  edges: OriginalEdgeJson[];
  /** Module paths at the other ends. */
  peers: string[];
}

export interface ViewModuleJson extends ModuleItemJson {
  /** The stack this module is a member of, or null. */
  stack: string | null;
}

/** Why a node is not drawn: unused (`dead`), an export check (`check`), or container plumbing. */
export type HiddenReason = "dead" | "check" | "plumbing";

/** Counts of hidden nodes, by reason. */
export type HiddenCountsJson = Record<HiddenReason, number>;

/** How a view shows the original edges with an end inside its module; they add up to exactly those. */
export interface AccountingJson {
  drawn: number;
  boundary: number;
  pruned: number;
  embedded: number;
  collapsed: number;
  dead: number;
  check: number;
  /** Into or out of container plumbing. */
  contracted: number;
  /** Drawn edges that stand for paths through plumbing (not original edges). */
  through: number;
}

/** `GET view?module=PATH` answers module PATH expanded, its children closed. */
export interface ViewJson {
  /**
   * Root view only: items the tab opens when it first shows the graph, outermost
   * first, so that the main stack is at most one click away (ConvNeXt's
   * `encoder.stages`); empty when it is already.
   */
  open?: string[];
  module: ViewModuleJson;
  children: ViewItemJson[];
  edges: ViewEdgeJson[];
  boundary: { inputs: BoundaryInputJson[]; outputs: BoundaryOutputJson[] };
  ports: PortStubJson[];
  accounting: AccountingJson;
  /** Nodes directly in the module that are not drawn. */
  hidden: HiddenCountsJson;
}

// -- GET stats ------------------------------------------------------------------------

export interface ViewCountsJson {
  original_nodes: number;
  original_edges: number;
  original_elements: number;
  simplified_nodes: number;
  simplified_edges: number;
  ports: number;
  simplified_elements: number;
  reduction: number;
}

/** `GET stats`' `summary`: what the graph summary box shows (tb_plugin/graph_summary.py). */
export interface GraphSummaryJson {
  producer: string;
  node_count: number;
  edge_count: number;
  module_count: number;
  parameter_count: number;
  /** `[class name, modules of it]`, most frequent first. */
  class_counts: [string, number][];
  top_level_modules: { path: string; class_name: string; node_count: number }[];
  root_node_count: number;
}

export interface StatsJson {
  graph: { name: string; source_format: SourceFormat; capture?: CaptureMethod; modules: number; parameters: number };
  summary: GraphSummaryJson;
  default_view: ViewCountsJson;
  expanded_view: ViewCountsJson;
  edges: {
    original: number;
    drawn: number;
    pruned: number;
    embedded: number;
    contracted: number;
    dead: number;
    check: number;
    through: number;
    reversed: number;
  };
  /** Hidden nodes of the whole graph. */
  hidden_nodes: HiddenCountsJson;
  stacks: { module_class: string; count: number; parent: string; members: string[] }[];
  passes: Record<string, Record<string, number>>;
  seconds: number;
}

// -- GET search, GET locate -----------------------------------------------------------

/**
 * Open `item` in view `view` (or, on the last step, select it); pick `member` in a stack.
 * The last step's item is null for a node drawn nowhere (unused, or plumbing): its view is the node's module.
 */
export interface RevealStepJson {
  view: string;
  item: string | null;
  member?: string;
}

export interface LocateJson {
  node: string;
  /** A parameter or constant is shown in the details of this consumer; an export check in those of the node it checks. */
  embedded_in: string | null;
  /** Why the node is not drawn, or null when it is (or is embedded). */
  hidden: HiddenReason | null;
  reveal: RevealStepJson[];
}

export interface SearchHitJson extends LocateJson {
  name: string;
  op: string;
  kind: NodeKind;
  module: string;
  class_name: string;
}

export interface SearchJson {
  pattern: string;
  total: number;
  truncated: boolean;
  hits: SearchHitJson[];
}

// -- GET overlays, GET filter_stats, GET weight_graph ---------------------------------

/** What an overlay series holds: filter statistics or weight-graph properties. */
export type OverlayKind = "filter_stats" | "weight_graph";

/** A readable step of a filter_stats series. */
export interface FilterStatsStepInfo {
  step: number;
  wall_time: number;
  error: null;
  layers: number;
  classes: number;
  parameter_count: number;
  macs: number;
}

/** A readable step of a weight_graph series. */
export interface WeightGraphStepInfo {
  step: number;
  wall_time: number;
  error: null;
  layers: number;
  nodes: number;
}

/** A step that cannot be read carries the reason and no counts. */
export interface UnreadableOverlayStep {
  step: number;
  wall_time: number;
  error: string;
}

export interface FilterStatsListing {
  run: string;
  tag: string;
  kind: "filter_stats";
  /** The model graph of the same run this series belongs to; "" when the writer did not say. */
  graph_tag: string;
  steps: (FilterStatsStepInfo | UnreadableOverlayStep)[];
}

export interface WeightGraphListing {
  run: string;
  tag: string;
  kind: "weight_graph";
  graph_tag: string;
  steps: (WeightGraphStepInfo | UnreadableOverlayStep)[];
}

export type OverlayListing = FilterStatsListing | WeightGraphListing;

/** `GET overlays` answers every overlay series in the log directory. */
export interface OverlaysResponse {
  overlays: OverlayListing[];
}

/** The per-filter metrics of `GET filter_stats`, in the fixed order the server lists them. */
export type FilterMetricKey = "discriminability" | "apoz" | "activation_l1" | "weight_l1";

export interface FilterMetricJson {
  key: FilterMetricKey;
  label: string;
  /** The direction in which a filter is weak. */
  weak: "low" | "high";
}

/** One conv or linear layer's filter statistics. */
export interface FilterLayerJson {
  /** The layer's module path, as in the graph ("features.0"). */
  module: string;
  layer_type: string;
  filter_count: number;
  /** The hooked post-activation tensor, described ("features.2: aten.relu.default (after ...)"). */
  hooked: string;
  weight_shape: number[];
  /** Index into `groups`, or -1 when the layer cannot be pruned. */
  group: number;
  /** Per-filter values of each metric. Class means come per layer (`GET filter_layer`, {@link LayerClassMeans}). */
  metrics: Record<FilterMetricKey, number[]>;
}

/** A layer of `GET filter_summary` as sent: per-filter metrics as base64 little-endian float32. */
export interface FilterSummaryLayerWire extends Omit<FilterLayerJson, "metrics"> {
  metrics: Record<FilterMetricKey, string>;
  /** Each metric's mean over the layer's finite values (null: none). */
  means: Record<FilterMetricKey, number | null>;
  /** Filters weak by each metric under the tab's rule (`weak_thresholds`). */
  weak_counts: Record<FilterMetricKey, number>;
}

/** `GET filter_summary` as sent: a step without class means (decoded into a {@link FilterStatsJson}). */
export interface FilterSummaryWire extends Omit<FilterStatsJson, "layers"> {
  schema_version: number;
  encoding: string;
  quantile_levels: number[];
  /** Per metric, its nearest-rank quantiles at `quantile_levels` over all the model's filters. */
  quantiles: Record<FilterMetricKey, (number | null)[]>;
  weak_thresholds: Record<FilterMetricKey, number | null>;
  layers: FilterSummaryLayerWire[];
}

/** A class pair `[r, c, separation]` (r < c): root mean square over filters of a[r, f] − a[c, f]. */
export type ClassPairJson = [number, number, number];

/** The JSON header of a `GET filter_layer` body. */
export interface LayerClassMeansHeader {
  schema_version: number;
  /** The body's layout (overlay/filter_wire.ts LAYER_PAYLOAD_VERSION). */
  payload_version: number;
  encoding: string;
  module: string;
  class_count: number;
  filter_count: number;
  /** The classes whose rows the body holds, in row order. */
  classes: number[];
  arrays: { name: string; offset: number; shape: number[] }[];
  pairs: { best: ClassPairJson[]; worst: ClassPairJson[] };
}

/** One `GET filter_layer` answer, decoded: the rows of `classes` (views of its buffer), and the layer's pairs. */
export interface LayerClassRows {
  module: string;
  classCount: number;
  filterCount: number;
  classes: number[];
  rows: Float32Array[];
  pairs: { best: ClassPairJson[]; worst: ClassPairJson[] };
}

/**
 * One layer's normalised class means `a[c][f]` in [0, 1], as far as they are
 * loaded: `a` has one entry per class, a row for each class loaded so far
 * and `undefined` for the others (`GET filter_layer` answers the rows asked
 * for); with the layer's best and worst pairs.
 */
export interface LayerClassMeans {
  module: string;
  classCount: number;
  filterCount: number;
  a: readonly (Float32Array | undefined)[];
  pairs: { best: ClassPairJson[]; worst: ClassPairJson[] };
}

/** Torch-Pruning's coupled layers: removing channel i from one removes it from all. */
export interface PruningGroupJson {
  modules: string[];
  channel_count: number;
  /** What one removed channel of the group saves with the rest of the model intact: to rank, not to add up. */
  parameters_per_channel: number;
  macs_per_channel: number;
  prunable: boolean;
  /** Why the group cannot be pruned ("" when it can). */
  reason: string;
}

/** One step of filter statistics as the tab holds it: `GET filter_summary`, decoded (`GET filter_stats` adds class means per layer). */
export interface FilterStatsJson {
  run: string;
  tag: string;
  step: number;
  wall_time: number;
  graph_tag: string;
  class_names: string[];
  class_counts: number[];
  example_count: number;
  parameter_count: number;
  /** Multiply-accumulates of the conv and linear layers for one example. */
  macs: number;
  world_size: number;
  metrics: FilterMetricJson[];
  layers: FilterLayerJson[];
  groups: PruningGroupJson[];
  /** Parameters no group's pruning changes. */
  fixed_parameters: number;
  /** The cost model: parameters and MACs of the pruned model, per layer. */
  cost_terms: CostTermJson[];
}

/** `count` of a side's channels belong to group `group` (they shrink as its channels go). */
export interface ChannelShareJson {
  group: number;
  count: number;
}

/**
 * One term of the cost model: with `o` output and `i` input channels left,
 * parameters `params_per_pair·o·i + params_per_out·o + params_per_in·i`, MACs
 * `macs_per_pair·o·i + macs_per_out·o`. A side's channels are its `*_fixed`
 * ones plus, per share, `count · remaining(group) / channel_count(group)`.
 */
export interface CostTermJson {
  module: string;
  out_fixed: number;
  in_fixed: number;
  out: ChannelShareJson[];
  in: ChannelShareJson[];
  params_per_pair: number;
  params_per_out: number;
  params_per_in: number;
  macs_per_pair: number;
  macs_per_out: number;
}

/** A pruning plan as the tab downloads it and `tb_plugin.pruning.apply_plan` reads it. */
export interface PruningPlanJson {
  format: "graphfold.pruning_plan";
  version: 1;
  source: { run: string; tag: string; step: number; graph_tag: string };
  /** Per layer: the filter count the plan was made for and the filters to remove. */
  layers: Record<string, { filter_count: number; remove: number[] }>;
  /** Informational. */
  preview: { parameters_before: number; parameters_after: number; macs_before: number; macs_after: number };
}

/** One property of one layer, summarised over its channels. */
export interface WeightGraphPropertyJson {
  mean: number;
  std: number;
  /** At levels 0, .25, .5, .75, 1. */
  quantiles: number[];
  /** The k largest, as `[channel, value]`. */
  top: [number, number][];
  /** Every channel's value, by channel index; empty for a layer too wide to log them all. */
  values: number[];
}

export interface WeightGraphLayerJson {
  module: string;
  layer_type: string;
  node_count: number;
  properties: Record<string, WeightGraphPropertyJson>;
}

/** A readable step of `GET weight_graph` (the server also sends `error: null`). */
export interface WeightGraphStepJson {
  step: number;
  wall_time: number;
  error?: null;
  node_count: number;
  edge_count: number;
  seconds: number;
  layers: WeightGraphLayerJson[];
}

/** `GET weight_graph` answers every logged step of one series, oldest first. */
export interface WeightGraphJson {
  run: string;
  tag: string;
  graph_tag: string;
  properties: string[];
  /** A step that cannot be read carries `error` and no layers; the others are unaffected. */
  steps: (WeightGraphStepJson | UnreadableOverlayStep)[];
}

// -- GET scalars ------------------------------------------------------------------------

/** `[step, value]`. */
export type ScalarPoint = [number, number];

/** `GET scalars` answers one run's scalar series (what `SummaryWriter.add_scalar` logged), in step order. */
export interface ScalarsJson {
  run: string;
  scalars: Record<string, ScalarPoint[]>;
}
