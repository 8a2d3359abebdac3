import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchOverlays, fetchScalars, fetchWeightGraph } from "../../src/api";
import { decodeFilterLayer, fetchFilterLayer, fetchFilterSummary } from "../../src/overlay/filter_wire";
import { jsonResponse } from "../fixtures";
import { DOCS_CLASS_MEANS, DOCS_SAMPLE, layerBody, listing, summaryWire } from "../overlay_fixtures";
import { DOCS_WEIGHT_GRAPH } from "../dynamics_fixtures";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchOverlays", () => {
  it("returns the listing", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse(200, { overlays: [listing("demo", "bert")] }));
    vi.stubGlobal("fetch", fetch);
    expect(await fetchOverlays()).toEqual([listing("demo", "bert")]);
    expect(fetch.mock.calls[0]![0]).toBe("overlays");
  });

  it("rejects a body without a list", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, {})));
    await expect(fetchOverlays()).rejects.toThrow('GET overlays answered JSON without an "overlays" list');
  });
});

describe("fetchFilterSummary", () => {
  it("asks for one step, names encoded, and decodes the float32 metrics", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse(200, summaryWire(DOCS_SAMPLE)));
    vi.stubGlobal("fetch", fetch);
    const stats = await fetchFilterSummary({ run: "digits/original", tag: "filter_stats", step: 30 });
    expect(fetch.mock.calls[0]![0]).toBe("filter_summary?run=digits%2Foriginal&tag=filter_stats&step=30");
    const metrics = DOCS_SAMPLE.layers[0]!.metrics;
    for (const [key, values] of Object.entries(metrics)) {
      expect(stats.layers[0]!.metrics[key as keyof typeof metrics]).toEqual(values.map(Math.fround));
    }
    expect(stats.groups).toEqual(DOCS_SAMPLE.groups);
  });

  it("passes the server's message on", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(404, { error: { code: 404, message: "no filter statistics for run 'x'" } })));
    const error = await fetchFilterSummary({ run: "x", tag: "filter_stats", step: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("no filter statistics for run 'x'");
    expect((error as ApiError).status).toBe(404);
  });

  it("rejects a body without layers, a newer schema and another encoding", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { run: "x", schema_version: 1, encoding: "float32-le" })));
    await expect(fetchFilterSummary({ run: "x", tag: "t", step: 0 })).rejects.toThrow('without "layers", "groups", "metrics" and "cost_terms" lists');
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { ...summaryWire(DOCS_SAMPLE), schema_version: 99 })));
    await expect(fetchFilterSummary({ run: "x", tag: "t", step: 0 })).rejects.toThrow("schema version 99");
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { ...summaryWire(DOCS_SAMPLE), encoding: "float16" })));
    await expect(fetchFilterSummary({ run: "x", tag: "t", step: 0 })).rejects.toThrow('encoded as "float16"');
  });
});

describe("fetchFilterLayer", () => {
  it("asks for one layer's default rows and reads them from the binary body", async () => {
    const body = layerBody("features.0", DOCS_CLASS_MEANS, { best: [[0, 2, 0.5]], worst: [[1, 2, 0.1]] }, [0, 2]);
    const fetch = vi.fn(async (_url: string) => new Response(body, { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    const rows = await fetchFilterLayer({ run: "digits/original", tag: "filter_stats", step: 30 }, "features.0", null);
    expect(fetch.mock.calls[0]![0]).toBe("filter_layer?run=digits%2Foriginal&tag=filter_stats&step=30&module=features.0");
    expect(rows).toMatchObject({ module: "features.0", classCount: 3, filterCount: 4, classes: [0, 2], pairs: { best: [[0, 2, 0.5]], worst: [[1, 2, 0.1]] } });
    expect(rows.rows.map((row) => Array.from(row))).toEqual([0, 2].map((c) => DOCS_CLASS_MEANS[c]!.map(Math.fround)));
  });

  it("asks for the classes given", async () => {
    const fetch = vi.fn(async (_url: string) => new Response(layerBody("m", DOCS_CLASS_MEANS, undefined, [1]), { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    const rows = await fetchFilterLayer({ run: "r", tag: "t", step: 0 }, "m", [1]);
    expect(fetch.mock.calls[0]![0]).toBe("filter_layer?run=r&tag=t&step=0&module=m&classes=1");
    expect(rows.classes).toEqual([1]);
  });

  it("names a malformed body and an older layout", () => {
    expect(() => decodeFilterLayer(new ArrayBuffer(2))).toThrow("shorter than its header length");
    const body = layerBody("m", DOCS_CLASS_MEANS);
    expect(() => decodeFilterLayer(body.slice(0, body.byteLength - 4))).toThrow("do not fit");
    expect(() => decodeFilterLayer(withHeader(body, (h) => ({ ...h, classes: [0, 1, 3] })))).toThrow("not indices below its 3 classes");
    expect(() => decodeFilterLayer(withHeader(body, (h) => ({ ...h, classes: [0, 1] })))).toThrow("no class_means_normalized array of its classes × filters");
    const { payload_version: _, ...older } = JSON.parse(headerText(body)) as Record<string, unknown>;
    expect(() => decodeFilterLayer(withHeader(body, () => older))).toThrow("layer payload of version undefined; this tab reads version 2: reload the page");
  });
});

function headerText(body: ArrayBuffer): string {
  return new TextDecoder().decode(new Uint8Array(body, 4, new DataView(body).getUint32(0, true)));
}

/** `body` with its JSON header replaced by `edit(header)`, padded to the same length (the data stays where it was). */
function withHeader(body: ArrayBuffer, edit: (header: Record<string, unknown>) => Record<string, unknown>): ArrayBuffer {
  const size = new DataView(body).getUint32(0, true);
  const text = JSON.stringify(edit(JSON.parse(headerText(body)) as Record<string, unknown>));
  if (text.length > size) throw new Error("the edited header is longer than the original");
  const out = body.slice(0);
  new Uint8Array(out, 4, size).set(new TextEncoder().encode(text.padEnd(size, " ")));
  return out;
}

describe("fetchWeightGraph", () => {
  it("asks for one series, names encoded", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse(200, DOCS_WEIGHT_GRAPH));
    vi.stubGlobal("fetch", fetch);
    expect(await fetchWeightGraph({ run: "digits/lr0.01", tag: "weight_graph" })).toEqual(DOCS_WEIGHT_GRAPH);
    expect(fetch.mock.calls[0]![0]).toBe("weight_graph?run=digits%2Flr0.01&tag=weight_graph");
  });

  it("rejects a body without steps", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { run: "x" })));
    await expect(fetchWeightGraph({ run: "x", tag: "t" })).rejects.toThrow('without "steps" and "properties" lists');
  });
});

describe("fetchScalars", () => {
  it("asks for one run's scalars", async () => {
    const body = { run: "digits/pruned", scalars: { accuracy: [[0, 0.9722], [10, 0.9778]], loss: [[0, 0.41]] } };
    const fetch = vi.fn(async (_url: string) => jsonResponse(200, body));
    vi.stubGlobal("fetch", fetch);
    expect(await fetchScalars("digits/pruned")).toEqual(body);
    expect(fetch.mock.calls[0]![0]).toBe("scalars?run=digits%2Fpruned");
  });

  it("rejects a body without a scalars object", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { run: "x", scalars: [] })));
    await expect(fetchScalars("x")).rejects.toThrow('without a "scalars" object');
  });
});
