/**
 * Fetch wrappers for the routes of docs/http_api.md.
 *
 * URLs are relative: TensorBoard's plugin iframe sets
 * `<base href="plugin/graphfold/">`, so "graphs" reaches
 * /data/plugin/graphfold/graphs. Every failure becomes an {@link ApiError}
 * whose message can be shown to the user as is; an aborted request rejects
 * with the fetch's own AbortError so callers can tell it apart.
 */

import { SCHEMA_VERSION } from "./types";
import type { ApiErrorJson, GraphJson, GraphListing, GraphSource, GraphsResponse } from "./types";

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

export async function fetchGraphs(signal?: AbortSignal): Promise<GraphListing[]> {
  const url = "graphs";
  const body = await getJson<Partial<GraphsResponse>>(url, signal);
  if (!Array.isArray(body.graphs)) {
    throw new ApiError(`GET ${url} answered JSON without a "graphs" list; is the backend GraphFold's?`, url, 200);
  }
  return body.graphs;
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
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ApiError(
      `GET ${url} answered HTTP ${response.status} with a body that is not JSON (${describe(e)}): ` +
        JSON.stringify(text.slice(0, 80)),
      url,
      response.status,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
