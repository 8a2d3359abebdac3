import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchFilterStats, fetchOverlays, fetchScalars, fetchWeightGraph } from "../../src/api";
import { jsonResponse } from "../fixtures";
import { DOCS_SAMPLE, listing } from "../overlay_fixtures";
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

describe("fetchFilterStats", () => {
  it("asks for one step, names encoded", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse(200, DOCS_SAMPLE));
    vi.stubGlobal("fetch", fetch);
    expect(await fetchFilterStats({ run: "digits/original", tag: "filter_stats", step: 30 })).toEqual(DOCS_SAMPLE);
    expect(fetch.mock.calls[0]![0]).toBe("filter_stats?run=digits%2Foriginal&tag=filter_stats&step=30");
  });

  it("passes the server's message on", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(404, { error: { code: 404, message: "no filter statistics for run 'x'" } })));
    const error = await fetchFilterStats({ run: "x", tag: "filter_stats", step: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("no filter statistics for run 'x'");
    expect((error as ApiError).status).toBe(404);
  });

  it("rejects a body without layers", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(200, { run: "x" })));
    await expect(fetchFilterStats({ run: "x", tag: "t", step: 0 })).rejects.toThrow('without "layers", "groups", "metrics" and "cost_terms" lists');
  });
});

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
