/**
 * Fetch wrappers for the routes of docs/http_api.md.
 *
 * URLs are relative: TensorBoard's plugin iframe sets
 * `<base href="plugin/graphfold/">`, so "graphs" reaches
 * /data/plugin/graphfold/graphs. Every failure becomes an {@link ApiError}
 * whose message can be shown to the user as is; an aborted request rejects
 * with the fetch's own AbortError so callers can tell it apart.
 */

import { fetchFilterLayer, fetchFilterSummary } from "./overlay/filter_wire";
import { SCHEMA_VERSION } from "./types";
import type {
  ApiErrorJson,
  ExpandJson,
  FilterStatsJson,
  GraphJson,
  GraphListing,
  GraphSource,
  GraphsResponse,
  LayerClassRows,
  LocateJson,
  NodeDetailsJson,
  OverlayListing,
  OverlaysResponse,
  ScalarsJson,
  SearchJson,
  StartJson,
  StatsJson,
  ViewJson,
  WeightGraphJson,
} from "./types";

/** Names one logged graph: what `GET graph` takes. */
export interface GraphKey {
  run: string;
  tag: string;
  source: GraphSource;
  step: number;
}

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    message: string,
    /** The relative URL that failed. */
    readonly url: string,
    /** The HTTP status, or null when no response arrived. */
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** `run=..&tag=..&step=..&source=..`, URL-encoded: the query of `GET graph` and the page's fragment. */
export function graphParams(key: GraphKey): URLSearchParams {
  return new URLSearchParams({ run: key.run, tag: key.tag, step: String(key.step), source: key.source });
}

export function graphUrl(key: GraphKey): string {
  return `graph?${graphParams(key)}`;
}

export function fetchGraphs(signal?: AbortSignal): Promise<GraphListing[]> {
  return getListing<GraphsResponse, "graphs">("graphs", signal);
}

export async function fetchGraph(key: GraphKey, signal?: AbortSignal): Promise<GraphJson> {
  const url = graphUrl(key);
  const graph = await getJson<GraphJson>(url, signal);
  if (!(graph.schema_version <= SCHEMA_VERSION)) {
    throw new ApiError(
      `graph "${key.run}" / "${key.tag}" has schema version ${graph.schema_version}, newer than the ` +
        `${SCHEMA_VERSION} this page reads; reload the page to get the matching frontend`,
      url,
      200,
    );
  }
  if (!Array.isArray(graph.nodes) || !Array.isArray(graph.modules)) {
    throw new ApiError(`GET ${url} answered JSON without "nodes" and "modules" lists`, url, 200);
  }
  return graph;
}

/** `GET view?module=PATH`: module `path` ("" is the root) expanded. */
export async function fetchView(key: GraphKey, path: string, signal?: AbortSignal): Promise<ViewJson> {
  const url = `view?${withArgs(key, { module: path })}`;
  const view = await getJson<ViewJson>(url, signal);
  if (!view.module || !Array.isArray(view.children) || !Array.isArray(view.edges)) {
    throw new ApiError(`GET ${url} answered JSON without "module", "children" and "edges"`, url, 200);
  }
  return view;
}

/** `GET expand?depth=N`: the items opened down to `depth` (null: all) and every view they draw, in one answer. */
export async function fetchExpand(key: GraphKey, depth: number | null, signal?: AbortSignal): Promise<ExpandJson> {
  const url = `expand?${depth === null ? graphParams(key) : withArgs(key, { depth: String(depth) })}`;
  const body = await getJson<ExpandJson>(url, signal);
  if (!Array.isArray(body.open) || typeof body.views !== "object" || body.views === null || !body.views[""]) {
    throw new ApiError(`GET ${url} answered JSON without "open" and "views" (with the root's view)`, url, 200);
  }
  return body;
}

/** `GET node`: one node's attributes, input tensors and consumers (the details panel's, instead of the whole graph). */
export async function fetchNode(key: GraphKey, name: string, signal?: AbortSignal): Promise<NodeDetailsJson> {
  const url = `node?${withArgs(key, { name })}`;
  const node = await getJson<NodeDetailsJson>(url, signal);
  if (!Array.isArray(node.inputs) || !Array.isArray(node.producers) || !Array.isArray(node.consumers)) {
    throw new ApiError(`GET ${url} answered JSON without "inputs", "producers" and "consumers" lists`, url, 200);
  }
  return node;
}

/** The graph a deep link names, as `GET start` takes it: all optional. */
export interface StartRequest {
  run: string;
  tag: string;
  source: GraphSource;
  step: number | null;
}

/**
 * `GET start`: the listing, the graph picked from it and the views of its
 * first drawing, in one round trip (docs/http_api.md). `open` lists the
 * paths a deep link opens (default: what the root view suggests); `expand`,
 * a deep link's expansion (depth, null: all), makes the drawing that
 * expansion instead, as `GET expand` answers it.
 */
export async function fetchStart(
  wanted: StartRequest | null,
  open: readonly string[] = [],
  expand: { depth: number | null } | null = null,
  signal?: AbortSignal,
): Promise<StartJson> {
  const params = new URLSearchParams();
  if (wanted) {
    params.set("run", wanted.run);
    params.set("tag", wanted.tag);
    params.set("source", wanted.source);
    if (wanted.step !== null) params.set("step", String(wanted.step));
  }
  for (const id of open) params.append("open", id);
  if (expand) params.set("expand", expand.depth === null ? "all" : String(expand.depth));
  const query = params.toString();
  const url = query ? `start?${query}` : "start";
  const body = await getJson<Partial<StartJson>>(url, signal);
  if (!Array.isArray(body.graphs) || typeof body.views !== "object" || body.views === null || body.graph === undefined) {
    throw new ApiError(`GET ${url} answered JSON without "graphs", "graph" and "views"; is the backend GraphFold's?`, url, 200);
  }
  return body as StartJson;
}

export function fetchStats(key: GraphKey, signal?: AbortSignal): Promise<StatsJson> {
  return getJson<StatsJson>(`stats?${graphParams(key)}`, signal);
}

/** `GET search`: nodes matching the regular expression `pattern`, each with its reveal path. */
export function fetchSearch(key: GraphKey, pattern: string, limit = 200, signal?: AbortSignal): Promise<SearchJson> {
  return getJson<SearchJson>(`search?${withArgs(key, { q: pattern, limit: String(limit) })}`, signal);
}

/** `GET locate`: the views to open, from the root down, to show node `node`. */
export function fetchLocate(key: GraphKey, node: string, signal?: AbortSignal): Promise<LocateJson> {
  return getJson<LocateJson>(`locate?${withArgs(key, { node })}`, signal);
}

/** The routes the graph tab reads, as one object so tests can stub them. */
export interface GraphApi {
  view(key: GraphKey, path: string): Promise<ViewJson>;
  expand(key: GraphKey, depth: number | null): Promise<ExpandJson>;
  graph(key: GraphKey): Promise<GraphJson>;
  node(key: GraphKey, name: string): Promise<NodeDetailsJson>;
  search(key: GraphKey, pattern: string): Promise<SearchJson>;
  locate(key: GraphKey, node: string): Promise<LocateJson>;
  stats(key: GraphKey): Promise<StatsJson>;
}

export const HTTP_API: GraphApi = {
  view: (key, path) => fetchView(key, path),
  expand: (key, depth) => fetchExpand(key, depth),
  graph: (key) => fetchGraph(key),
  node: (key, name) => fetchNode(key, name),
  search: (key, pattern) => fetchSearch(key, pattern),
  locate: (key, node) => fetchLocate(key, node),
  stats: (key) => fetchStats(key),
};

/** Names one step of an overlay series: what `GET filter_stats` takes. */
export interface OverlayKey {
  run: string;
  tag: string;
  step: number;
}

/** `GET overlays`: every overlay series in the log directory. */
export function fetchOverlays(signal?: AbortSignal): Promise<OverlayListing[]> {
  return getListing<OverlaysResponse, "overlays">("overlays", signal);
}

/** Names one overlay series: what `GET weight_graph` takes. */
export interface SeriesKey {
  run: string;
  tag: string;
}

/** `GET weight_graph`: every logged step of one weight-graph series, oldest first. */
export async function fetchWeightGraph(key: SeriesKey, signal?: AbortSignal): Promise<WeightGraphJson> {
  const url = `weight_graph?${new URLSearchParams({ run: key.run, tag: key.tag })}`;
  const series = await getJson<WeightGraphJson>(url, signal);
  if (!Array.isArray(series.steps) || !Array.isArray(series.properties)) {
    throw new ApiError(`GET ${url} answered JSON without "steps" and "properties" lists`, url, 200);
  }
  return series;
}

/** `GET scalars`: the run's scalar series as `[step, value]` pairs. */
export async function fetchScalars(run: string, signal?: AbortSignal): Promise<ScalarsJson> {
  const url = `scalars?${new URLSearchParams({ run })}`;
  const body = await getJson<ScalarsJson>(url, signal);
  if (!body.scalars || typeof body.scalars !== "object" || Array.isArray(body.scalars)) {
    throw new ApiError(`GET ${url} answered JSON without a "scalars" object`, url, 200);
  }
  return body;
}

/** The overlay routes the graph tab reads, as one object so tests can stub them. */
export interface OverlayApi {
  overlays(): Promise<OverlayListing[]>;
  /** `GET filter_summary` (overlay/filter_wire.ts). */
  filterSummary(key: OverlayKey): Promise<FilterStatsJson>;
  /** `GET filter_layer` (overlay/filter_wire.ts): rows of `classes`, or (null) of the classes of the layer's best and worst pairs. */
  filterLayer(key: OverlayKey, module: string, classes: readonly number[] | null): Promise<LayerClassRows>;
  weightGraph(key: SeriesKey): Promise<WeightGraphJson>;
  scalars(run: string): Promise<ScalarsJson>;
}

export const HTTP_OVERLAY_API: OverlayApi = {
  overlays: () => fetchOverlays(),
  filterSummary: (key) => fetchFilterSummary(key),
  filterLayer: (key, module, classes) => fetchFilterLayer(key, module, classes),
  weightGraph: (key) => fetchWeightGraph(key),
  scalars: (run) => fetchScalars(run),
};

function withArgs(key: GraphKey, extra: Record<string, string>): URLSearchParams {
  const params = graphParams(key);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params;
}

/** The server's message from an error body `{"error": {"code", "message"}}`, or null. */
export function errorMessageOf(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const message = (parsed as Partial<ApiErrorJson> | null)?.error?.message;
  return typeof message === "string" && message ? message : null;
}

/** `GET <route>` of a listing route, which answers `{"<route>": [...]}`: the list. */
async function getListing<R extends Record<K, unknown[]>, K extends string>(route: K, signal?: AbortSignal): Promise<R[K]> {
  const body = await getJson<Partial<R>>(route, signal);
  const list = body[route];
  if (!Array.isArray(list)) {
    const article = /^[aeiou]/.test(route) ? "an" : "a";
    throw new ApiError(`GET ${route} answered JSON without ${article} "${route}" list; is the backend GraphFold's?`, route, 200);
  }
  return list as R[K];
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    text = await response.text();
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(`could not reach the GraphFold backend (GET ${url}): ${describe(e)}`, url, null);
  }
  if (!response.ok) {
    const message = errorMessageOf(text) ?? `GET ${url} failed: HTTP ${response.status} ${response.statusText}`.trim();
    throw new ApiError(message, url, response.status);
  }
  try {
    return parseJson<T>(text);
  } catch (e) {
    throw new ApiError(
      `GET ${url} answered HTTP ${response.status} with a body that is not JSON (${describe(e)}): ` +
        JSON.stringify(text.slice(0, 80)),
      url,
      response.status,
    );
  }
}

/** Object fields that hold a float the server may have had no finite value for (the rest are in arrays). */
const NUMBER_FIELDS = new Set(["mean", "std", "seconds", "reduction", "wall_time"]);
/** Whether a body may hold such a `null`; checked first so that large answers skip the reviver. */
const MISSING_NUMBER = /[[,]null[\],]|"(?:mean|std|seconds|reduction|wall_time)":null/;

/**
 * Parse a response body. JSON has no NaN or Infinity, so the server sends
 * `null` where a number had no finite value (a diverged loss, a statistic of
 * an empty layer); here such a `null` becomes NaN, which every consumer
 * already reads as a missing value (charts skip it, `formatValue` shows it
 * apart). Only a `null` in a number's place changes: an array element or one
 * of {@link NUMBER_FIELDS}; `"error": null`, `"item": null` and the like stay.
 */
export function parseJson<T>(text: string): T {
  if (!MISSING_NUMBER.test(text)) return JSON.parse(text) as T;
  return JSON.parse(text, function (this: unknown, key: string, value: unknown) {
    return value === null && (Array.isArray(this) || NUMBER_FIELDS.has(key)) ? NaN : value;
  }) as T;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
