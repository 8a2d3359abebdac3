/**
 * The pruning overlay's two routes (docs/http_api.md): `GET filter_summary`,
 * one step without class means (its per-filter metrics as base64
 * little-endian float32), and `GET filter_layer`, rows of one layer's
 * normalised class means as raw float32 after a JSON header: those of the
 * classes asked for, or by default of the classes of the layer's best and
 * worst pairs (32 rows of 2,048 filters: 256 kB). Decoded here into what the
 * tab holds: a {@link FilterStatsJson} with number arrays, and
 * {@link LayerClassRows} whose rows are views of the response's buffer (no
 * per-number parsing).
 */

import { ApiError, errorMessageOf, parseJson } from "../api";
import type { OverlayKey } from "../api";
import { SCHEMA_VERSION } from "../types";
import type { FilterMetricKey, FilterStatsJson, FilterSummaryWire, LayerClassMeansHeader, LayerClassRows } from "../types";

/** The number encoding both routes declare. */
export const FLOAT32_LE = "float32-le";
/** The layout of `GET filter_layer`'s body this tab reads (tb_plugin.overlays.filter_summary.LAYER_PAYLOAD_VERSION). */
export const LAYER_PAYLOAD_VERSION = 2;

/** `GET filter_summary`: one step of filter statistics without class means. */
export async function fetchFilterSummary(key: OverlayKey, signal?: AbortSignal): Promise<FilterStatsJson> {
  const url = `filter_summary?${new URLSearchParams({ run: key.run, tag: key.tag, step: String(key.step) })}`;
  const response = await get(url, signal);
  let wire: FilterSummaryWire;
  try {
    wire = parseJson<FilterSummaryWire>(await response.text());
  } catch (e) {
    throw new ApiError(`GET ${url} answered a body that is not JSON (${e instanceof Error ? e.message : String(e)})`, url, response.status);
  }
  return decodeFilterSummary(wire, url);
}

/** `GET filter_layer`: rows of one layer's normalised class means, those of `classes` (null: of its best and worst pairs). */
export async function fetchFilterLayer(key: OverlayKey, module: string, classes: readonly number[] | null, signal?: AbortSignal): Promise<LayerClassRows> {
  const params = new URLSearchParams({ run: key.run, tag: key.tag, step: String(key.step), module });
  if (classes !== null) params.set("classes", classes.join(","));
  const url = `filter_layer?${params}`;
  const response = await get(url, signal);
  return decodeFilterLayer(await response.arrayBuffer(), url);
}

/** The summary's JSON with its base64 metrics decoded; an {@link ApiError} names what is malformed. */
export function decodeFilterSummary(wire: FilterSummaryWire, url = "filter_summary"): FilterStatsJson {
  checkVersion(wire.schema_version, wire.encoding, url);
  if (!Array.isArray(wire.layers) || !Array.isArray(wire.groups) || !Array.isArray(wire.metrics) || !Array.isArray(wire.cost_terms)) {
    throw new ApiError(`GET ${url} answered JSON without "layers", "groups", "metrics" and "cost_terms" lists`, url, 200);
  }
  const layers = wire.layers.map((layer) => {
    const metrics = {} as Record<FilterMetricKey, number[]>;
    for (const [key, text] of Object.entries(layer.metrics)) {
      const values = Array.from(base64Floats(text));
      if (values.length !== layer.filter_count) {
        throw new ApiError(`GET ${url}: layer "${layer.module}" has ${values.length} ${key} values for ${layer.filter_count} filters`, url, 200);
      }
      metrics[key as FilterMetricKey] = values;
    }
    return { ...layer, metrics };
  });
  return { ...wire, layers };
}

/**
 * A `GET filter_layer` body: a little-endian uint32 header length, the JSON
 * header, then float32 arrays at the offsets the header names.
 */
export function decodeFilterLayer(buffer: ArrayBuffer, url = "filter_layer"): LayerClassRows {
  const bad = (what: string) => new ApiError(`GET ${url} answered a malformed layer payload: ${what}`, url, 200);
  if (buffer.byteLength < 4) throw bad("shorter than its header length");
  const size = new DataView(buffer).getUint32(0, true);
  if (4 + size > buffer.byteLength) throw bad(`a ${size}-byte header in ${buffer.byteLength} bytes`);
  let header: LayerClassMeansHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size))) as LayerClassMeansHeader;
  } catch (e) {
    throw bad(`its header is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  checkVersion(header.schema_version, header.encoding, url);
  if (header.payload_version !== LAYER_PAYLOAD_VERSION) {
    throw new ApiError(`GET ${url} answered a layer payload of version ${String(header.payload_version)}; this tab reads version ${LAYER_PAYLOAD_VERSION}: reload the page`, url, 200);
  }
  const entry = header.arrays.find((a) => a.name === "class_means_normalized");
  const classes = header.classes;
  const filters = header.filter_count;
  if (!Array.isArray(classes) || classes.some((c) => !Number.isInteger(c) || c < 0 || c >= header.class_count)) {
    throw bad(`its classes are not indices below its ${header.class_count} classes`);
  }
  if (!entry || entry.shape[0] !== classes.length || entry.shape[1] !== filters) throw bad("no class_means_normalized array of its classes × filters");
  const start = 4 + size + entry.offset;
  if (start % 4 || start + classes.length * filters * 4 > buffer.byteLength) throw bad(`the class means do not fit its ${buffer.byteLength} bytes`);
  // Float32Array reads the platform's byte order; every browser GraphFold runs in is little-endian.
  const data = new Float32Array(buffer, start, classes.length * filters);
  const rows = classes.map((_, i) => data.subarray(i * filters, (i + 1) * filters));
  return { module: header.module, classCount: header.class_count, filterCount: filters, classes, rows, pairs: header.pairs };
}

function checkVersion(version: number, encoding: string, url: string): void {
  if (typeof version !== "number" || version > SCHEMA_VERSION) {
    throw new ApiError(`GET ${url} answered schema version ${String(version)}; this tab reads up to ${SCHEMA_VERSION}: reload the page`, url, 200);
  }
  if (encoding !== FLOAT32_LE) throw new ApiError(`GET ${url} answered numbers encoded as "${String(encoding)}", not "${FLOAT32_LE}"`, url, 200);
}

function base64Floats(text: string): Float32Array {
  const bytes = Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}

async function get(url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(`could not reach the GraphFold backend (GET ${url}): ${e instanceof Error ? e.message : String(e)}`, url, null);
  }
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(errorMessageOf(text) ?? `GET ${url} failed: HTTP ${response.status} ${response.statusText}`.trim(), url, response.status);
  }
  return response;
}
