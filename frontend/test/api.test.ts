import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, errorMessageOf, fetchGraph, fetchGraphs, graphUrl, parseJson } from "../src/api";
import type { GraphKey } from "../src/api";
import { LISTINGS, TINY_BERT, jsonResponse } from "./fixtures";

const KEY: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 0 };

function stubFetch(impl: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetch = vi.fn(impl);
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => expect.fail("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("graphUrl", () => {
  it("is relative and names every parameter", () => {
    expect(graphUrl(KEY)).toBe("graph?run=demo&tag=bert&step=0&source=graphfold");
  });

  it("encodes names that are not URL-safe", () => {
    const key: GraphKey = { run: "a b&c=d/é#", tag: "x+y%z?", source: "graphdef", step: 7 };
    const query = new URLSearchParams(graphUrl(key).slice("graph?".length));
    expect(Object.fromEntries(query)).toEqual({ run: key.run, tag: key.tag, step: "7", source: "graphdef" });
    expect(graphUrl(key)).not.toContain("#");
  });
});

describe("fetchGraphs", () => {
  it("returns the listing from GET graphs", async () => {
    const fetch = stubFetch(async () => jsonResponse(200, { graphs: LISTINGS }));
    await expect(fetchGraphs()).resolves.toEqual(LISTINGS);
    expect(fetch.mock.calls[0]?.[0]).toBe("graphs");
  });

  it("rejects JSON without a graphs list", async () => {
    stubFetch(async () => jsonResponse(200, { runs: [] }));
    expect((await rejection(fetchGraphs())).message).toContain('without a "graphs" list');
  });
});

describe("fetchGraph", () => {
  it("returns the graph JSON", async () => {
    const fetch = stubFetch(async () => jsonResponse(200, TINY_BERT));
    await expect(fetchGraph(KEY)).resolves.toEqual(TINY_BERT);
    expect(fetch.mock.calls[0]?.[0]).toBe(graphUrl(KEY));
  });

  it("throws the server's message on a 4xx", async () => {
    const message = "no graph for run 'demo', tag 'bert', step 7; steps logged: 0, 1";
    stubFetch(async () => jsonResponse(404, { error: { code: 404, message } }));
    const error = await rejection(fetchGraph({ ...KEY, step: 7 }));
    expect(error.message).toBe(message);
    expect(error.status).toBe(404);
    expect(error.url).toBe(graphUrl({ ...KEY, step: 7 }));
  });

  it("names the status when the error body is not the JSON error form", async () => {
    stubFetch(async () => new Response("<h1>Internal Server Error</h1>", { status: 500, statusText: "Oops" }));
    const error = await rejection(fetchGraph(KEY));
    expect(error.message).toBe(`GET ${graphUrl(KEY)} failed: HTTP 500 Oops`);
    expect(error.status).toBe(500);
  });

  it("explains a network failure", async () => {
    stubFetch(async () => {
      throw new TypeError("Failed to fetch");
    });
    const error = await rejection(fetchGraph(KEY));
    expect(error.message).toMatch(/^could not reach the GraphFold backend \(GET graph\?.*\): Failed to fetch$/);
    expect(error.status).toBeNull();
  });

  it("explains a 200 whose body is not JSON", async () => {
    stubFetch(async () => new Response("<html>login page</html>", { status: 200 }));
    const error = await rejection(fetchGraph(KEY));
    expect(error.message).toContain("answered HTTP 200 with a body that is not JSON");
    expect(error.message).toContain("<html>login page</html>");
  });

  it("refuses a graph of a newer schema", async () => {
    stubFetch(async () => jsonResponse(200, { ...TINY_BERT, schema_version: 2 }));
    expect((await rejection(fetchGraph(KEY))).message).toContain("schema version 2");
  });

  it("lets an abort through as the fetch's own error", async () => {
    const abortError = new DOMException("The operation was aborted.", "AbortError");
    stubFetch(async () => {
      throw abortError;
    });
    const controller = new AbortController();
    controller.abort();
    await expect(fetchGraph(KEY, controller.signal)).rejects.toBe(abortError);
  });
});

describe("errorMessageOf", () => {
  it("reads the error form", () => {
    expect(errorMessageOf('{"error": {"code": 400, "message": "step must be an integer"}}')).toBe(
      "step must be an integer",
    );
  });

  it.each(["", "not json", "null", '{"error": "boom"}', '{"error": {"code": 400}}', '{"error": {"message": ""}}'])(
    "is null for %j",
    (body) => {
      expect(errorMessageOf(body)).toBeNull();
    },
  );
});

describe("parseJson", () => {
  it("reads null in a number's place as NaN, a missing value", () => {
    const body = '{"scalars":{"loss":[[0,null],[1,0.5]]},"mean":null,"std":1,"error":null,"item":null}';
    const parsed = parseJson<Record<string, unknown>>(body);
    expect(parsed.scalars).toEqual({ loss: [[0, NaN], [1, 0.5]] });
    expect(parsed.mean).toBeNaN();
    expect(parsed.std).toBe(1);
    expect(parsed.error).toBeNull();
    expect(parsed.item).toBeNull();
  });

  it("leaves bodies without such nulls as JSON.parse reads them", () => {
    const body = '{"error":null,"shape":null,"name":"a,null]"}';
    expect(parseJson(body)).toEqual({ error: null, shape: null, name: "a,null]" });
  });

  it("is what the fetch wrappers use", async () => {
    stubFetch(async () => new Response('{"graphs":[{"run":"r","tag":"t","source":"graphfold","steps":[{"step":0,"wall_time":null,"error":"bad"}]}]}'));
    const [listing] = await fetchGraphs();
    expect(listing?.steps[0]?.wall_time).toBeNaN();
  });
});
