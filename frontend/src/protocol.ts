/**
 * Every message between the page and the layout worker (src/worker/), as one
 * discriminated union per direction; both sides switch on `type`.
 *
 * The page sends what ELK needs and nothing else (ids, sizes, fixed ports,
 * edges), never the server's view JSON, so messages stay small and the worker
 * knows nothing about modules, stacks or the HTTP API.
 */

/** A port at a fixed position on a node's border, relative to the node's top-left corner. */
export interface LayoutPortInput {
  id: string;
  x: number;
  y: number;
  side: "north" | "south";
}

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
  /** Fixed ports (an opened module's boundary); edges may end on them. */
  ports?: LayoutPortInput[];
  /** Boundary inputs go to the first layer, boundary outputs to the last. */
  layer?: "first" | "last";
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
  sourcePort?: string;
  targetPort?: string;
  /** Laid out from target to source (a back edge), reported source to target. */
  reversed: boolean;
}

/** One module view to lay out on its own: its children at their sizes and the edges between them. */
export interface LayoutInput {
  /** Names the layout in the page's cache: the module and its open children's layouts. */
  key: string;
  /** What the progress indicator calls it ("encoder.layer.0"). */
  label: string;
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
  /** Which way the layers run: down (the default) or, for unstacked members, right. */
  direction?: "DOWN" | "RIGHT";
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RoutedEdge {
  id: string;
  /** x0, y0, x1, y1, ...: from the edge's source to its target, whatever way it was laid out. */
  points: number[];
}

/** Where ELK put everything, relative to the laid-out view's top-left corner. */
export interface LayoutResult {
  key: string;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: RoutedEdge[];
  /** Time ELK took in the worker. */
  ms: number;
}

// -- page -> worker -------------------------------------------------------------------

export interface LayoutRequest {
  type: "layout";
  id: number;
  input: LayoutInput;
}

/** Lay out a tiny graph so ELK's code is compiled before the first real request. */
export interface WarmUpRequest {
  type: "warm-up";
}

export type ToWorker = LayoutRequest | WarmUpRequest;

// -- worker -> page -------------------------------------------------------------------

/**
 * A stage of one layout, for the progress indicator (view/progress_indicator.ts
 * words it): its input handed to ELK, ELK at work, the result read back.
 * `label` names the view ("encoder.layer.0").
 */
export type LayoutStage =
  | { step: "preparing"; label: string; nodes: number; edges: number }
  | { step: "laying-out"; label: string; edges: number }
  | { step: "placing"; label: string };

/** Request `id` reached `stage`. */
export interface LayoutProgress {
  type: "progress";
  id: number;
  stage: LayoutStage;
}

export interface LayoutDone {
  type: "done";
  id: number;
  result: LayoutResult;
}

export interface LayoutFailed {
  type: "failed";
  id: number;
  message: string;
}

/** ELK has finished its warm-up: from now on a small view's layout takes milliseconds, not its start-up. */
export interface WorkerReady {
  type: "ready";
}

export type FromWorker = LayoutProgress | LayoutDone | LayoutFailed | WorkerReady;
