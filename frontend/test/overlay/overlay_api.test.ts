import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchFilterStats, fetchOverlays } from "../../src/api";
import { jsonResponse } from "../fixtures";
import { DOCS_SAMPLE, listing } from "../overlay_fixtures";

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
