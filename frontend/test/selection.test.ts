import { describe, expect, it } from "vitest";
import type { GraphKey } from "../src/api";
import { decodeFragment, encodeFragment, readableSteps, resolveSelection } from "../src/selection";
import { EVIL, LISTINGS } from "./fixtures";

describe("encodeFragment / decodeFragment", () => {
  it("writes the documented form", () => {
    expect(encodeFragment({ run: "demo", tag: "bert", source: "graphfold", step: 0 })).toBe(
      "#run=demo&tag=bert&step=0&source=graphfold",
    );
  });

  it.each<GraphKey>([
    { run: "demo", tag: "bert", source: "graphfold", step: 0 },
    { run: "demo/add_graph", tag: "__run_graph__", source: "graphdef", step: 12345678901 },
    { run: "a b&c=d#e+f%20g", tag: "ü/ß?x", source: "graphfold", step: 3 },
    { run: EVIL, tag: "", source: "graphfold", step: 1 },
  ])("round-trips %j", (key) => {
    const hash = encodeFragment(key);
    expect(hash.indexOf("#", 1)).toBe(-1);
    expect(decodeFragment(hash)).toEqual(key);
  });

  it("names nothing without a run and a tag", () => {
    expect(decodeFragment("")).toBeNull();
    expect(decodeFragment("#")).toBeNull();
    expect(decodeFragment("#run=demo")).toBeNull();
  });

  it("defaults the source and leaves a bad step open", () => {
    expect(decodeFragment("#run=demo&tag=bert&step=-1&source=tflite")).toEqual({
      run: "demo",
      tag: "bert",
      source: "graphfold",
      step: null,
    });
  });
});

describe("resolveSelection", () => {
  const [bert, graphdef, mlp] = LISTINGS;

  it("is null for an empty listing", () => {
    expect(resolveSelection([], null)).toBeNull();
  });

  it("picks the first graph's latest readable step by default", () => {
    expect(resolveSelection(LISTINGS, null)).toEqual({ listing: bert, step: 2 });
  });

  it("keeps a wanted readable step", () => {
    expect(resolveSelection(LISTINGS, { run: "demo", tag: "bert", source: "graphfold", step: 0 })).toEqual({
      listing: bert,
      step: 0,
    });
  });

  it("moves off an unreadable or missing step", () => {
    for (const step of [1, 99]) {
      expect(resolveSelection(LISTINGS, { run: "demo", tag: "bert", source: "graphfold", step })?.step).toBe(2);
    }
  });

  it("tells the sources apart", () => {
    const wanted = { run: "demo", tag: "__run_graph__", source: "graphdef" as const, step: null };
    expect(resolveSelection(LISTINGS, wanted)?.listing).toBe(graphdef);
  });

  it("falls back to the run's first graph, then to the first graph", () => {
    expect(resolveSelection(LISTINGS, { run: "other", tag: "gone", source: "graphfold", step: 0 })).toEqual({
      listing: mlp,
      step: 5,
    });
    expect(resolveSelection(LISTINGS, { run: "gone", tag: "gone", source: "graphfold", step: 0 })?.listing).toBe(bert);
  });

  it("has no step when none is readable", () => {
    const broken = { run: "r", tag: "t", source: "graphfold" as const, steps: [{ step: 0, wall_time: 0, error: "bad" }] };
    expect(resolveSelection([broken], null)).toEqual({ listing: broken, step: null });
    expect(readableSteps(broken)).toEqual([]);
  });
});
