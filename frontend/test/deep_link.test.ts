// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { GraphKey } from "../src/api";
import { decodeDeepLink, encodeDeepLink, provideOverlayLink, withOverlayLink } from "../src/deep_link";
import type { ViewState } from "../src/view_state";
import { EVIL } from "./fixtures";

const KEY: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 3 };

function state(open: string[], members: [string, string][], selection: string | null): ViewState {
  return { open: new Set(open), members: new Map(members), unstacked: new Set(), selection };
}

describe("encodeDeepLink / decodeDeepLink", () => {
  it("writes the documented form", () => {
    const hash = encodeDeepLink(KEY, state(["encoder", "encoder.layer.0"], [["s:encoder.layer.0", "encoder.layer.2"]], "n:linear_17"));
    expect(hash).toBe(
      "#run=demo&tag=bert&step=3&source=graphfold&open=encoder,encoder.layer.0&sel=n%3Alinear_17&member=s%3Aencoder.layer.0:encoder.layer.2",
    );
  });

  it.each([
    state([], [], null),
    state(["encoder", "encoder.layer.0", "encoder.layer.2.attention"], [["s:encoder.layer.0", "encoder.layer.2"]], "m:encoder.layer.2.attention"),
    state([`${EVIL}.a & b`, "x y/z=1?#"], [[`s:${EVIL}:0`, `${EVIL}:1`]], `n:${EVIL}`),
  ])("round-trips opened modules, members and the selection (%#)", (wanted) => {
    const key = { ...KEY, run: "a b&c=d#e", tag: EVIL };
    const link = decodeDeepLink(encodeDeepLink(key, wanted));
    expect(link.graph).toEqual(key);
    expect(link.state).toEqual(wanted);
  });

  it.each([
    ["expand=all", { depth: null }],
    ["expand=1", { depth: 1 }],
    ["expand=20", { depth: 20 }],
    ["expand=0", null],
    ["expand=21", null],
    ["expand=2x", null],
    ["expand=", null],
    ["open=a", null],
  ])("reads %s as an expansion on load", (part, expand) => {
    expect(decodeDeepLink(`#run=r&tag=t&${part}`).expand).toEqual(expand);
  });

  it("never writes expand=: the state it opened is written as open=", () => {
    expect(encodeDeepLink(KEY, state(["encoder"], [], null))).not.toContain("expand");
  });

  it("reads a fragment whose lists are encoded whole, as urlencode writes them", () => {
    const link = decodeDeepLink("#run=demo&tag=bert&step=0&source=graphfold&open=encoder%2Cencoder.layer.0&member=s%3Aencoder.layer.0%3Aencoder.layer.3&sel=n%3Aadd+1");
    expect([...link.state.open]).toEqual(["encoder", "encoder.layer.0"]);
    expect([...link.state.members]).toEqual([["s:encoder.layer.0", "encoder.layer.3"]]);
    expect(link.state.selection).toBe("n:add 1");
  });

  it("keeps the TensorFlow and Keras sources, and reads an unknown one as graphfold", () => {
    for (const source of ["graphdef", "tf_trace", "run_metadata", "keras_model"]) {
      expect(decodeDeepLink(`#run=r&tag=t&step=0&source=${source}`).graph?.source).toBe(source);
    }
    expect(decodeDeepLink("#run=r&tag=t&step=0&source=nonsense").graph?.source).toBe("graphfold");
  });

  it("names no graph without a run and a tag, and ignores what it does not know", () => {
    expect(decodeDeepLink("#open=a&foo=bar").graph).toBeNull();
    expect(decodeDeepLink("").state.open.size).toBe(0);
    expect(decodeDeepLink("#run=r&tag=t&step=x&member=broken").state.members.size).toBe(0);
  });
});

describe("the overlay's part", () => {
  const LINK = { mode: "pruning", step: 30, metric: "apoz", weakBy: "any", layer: `stem.0${EVIL}` };

  it("is carried by every encoded link and decoded back", () => {
    provideOverlayLink(() => LINK);
    try {
      const hash = encodeDeepLink(KEY, state([], [], null));
      expect(hash.startsWith("#run=demo&tag=bert&step=3&source=graphfold&overlay=pruning&ostep=30&metric=apoz&weak=any&layer=stem.0")).toBe(true);
      expect(decodeDeepLink(hash).overlay).toEqual(LINK);
    } finally {
      provideOverlayLink(() => null);
    }
    expect(decodeDeepLink(encodeDeepLink(KEY, state([], [], null))).overlay).toBeNull();
  });

  it("is replaced in place, the rest kept verbatim", () => {
    const hash = "#run=demo&tag=bert&open=a%2Cb&overlay=dynamics&sel=x";
    expect(withOverlayLink(hash, LINK)).toBe(`#run=demo&tag=bert&open=a%2Cb&sel=x&overlay=pruning&ostep=30&metric=apoz&weak=any&layer=${encodeURIComponent(LINK.layer)}`);
    expect(withOverlayLink(hash, null)).toBe("#run=demo&tag=bert&open=a%2Cb&sel=x");
    expect(decodeDeepLink("#overlay=pruning&ostep=x").overlay).toEqual({ mode: "pruning", step: null, metric: null, weakBy: null, layer: null });
  });
});
