/**
 * The JSON the backend serves, as documented in docs/http_api.md and produced
 * by tb_plugin/serialize.py (graph_to_json, header_to_json). Wire types only:
 * view models live next to the code that builds them.
 */

/** The newest graph JSON schema this frontend reads (tb_plugin.metadata.SCHEMA_VERSION). */
export const SCHEMA_VERSION = 1;

/** Where a graph comes from: GraphFold's own summaries, or TensorBoard's GraphDefs. */
export type GraphSource = "graphfold" | "graphdef";

export type SourceFormat = "unspecified" | "torch_export" | "onnx" | "graphdef";

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
  steps: StepInfo[];
}

export interface GraphsResponse {
  graphs: GraphListing[];
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
  modules: ModuleJson[];
  nodes: NodeJson[];
}

/** The body of every 4xx answer. */
export interface ApiErrorJson {
  error: { code: number; message: string };
}
