import { describe, expect, it } from "vitest";
import {
  PLAN_FORMAT,
  groupRemovals,
  planFileName,
  planJson,
  planPreview,
  planProblems,
  remainingChannels,
  roundHalfEven,
  termCost,
  unprunableReason,
  withLayer,
} from "../src/pruning_plan";
import type { PruningGroupJson } from "../src/types";
import { EVIL } from "./fixtures";
import { DOCS_SAMPLE, layer, stats, term } from "./overlay_fixtures";

/**
 * conv1 and conv2 are coupled (8 channels: conv2 is a residual block on conv1's output, reading and writing
 * group 0); conv3 (4 channels) reads them; fc cannot be pruned; head's group reaches the output.
 * At full size: conv1 9·8·3 + 8 = 224, conv2 9·8·8 + 8 = 584, conv3 9·4·8 + 4 = 292 parameters, and 100 fixed:
 * 1200; MACs 576·24 + 576·64 + 144·32 = 55296.
 */
const GROUPS: PruningGroupJson[] = [
  { modules: ["conv1", "conv2"], channel_count: 8, parameters_per_channel: 310, macs_per_channel: 24576, prunable: true, reason: "" },
  { modules: ["conv3"], channel_count: 4, parameters_per_channel: 1290, macs_per_channel: 9000, prunable: true, reason: "" },
  { modules: ["head"], channel_count: 10, parameters_per_channel: 65, macs_per_channel: 64, prunable: false, reason: "its channels reach the model output" },
];
const MODEL = stats([layer("conv1", 8, 0), layer("conv2", 8, 0), layer("conv3", 4, 1), layer("fc", 16, -1), layer("head", 10, 2)], GROUPS, {
  parameter_count: 1200,
  macs: 55296,
  fixed_parameters: 100,
  cost_terms: [term("conv1", [0, 8], 3, 576), term("conv2", [0, 8], [0, 8], 576), term("conv3", [1, 4], [0, 8], 144)],
});

describe("planPreview", () => {
  it("follows the docs' cost term", () => {
    // 4 output channels, 2 removed: o = 4 · 2/4 = 2, i = 1; 650 + 9·2·1 + 1·2 parameters, 576·2·1 MACs.
    expect(planPreview(DOCS_SAMPLE, new Map([["features.0", [1, 3]]]))).toEqual({
      parameters_before: 23466,
      parameters_after: 670,
      macs_before: 1170432,
      macs_after: 1152,
    });
  });

  it("shrinks a coupled group by the union of what its layers remove", () => {
    // conv1 ∪ conv2 = {0, 1, 2, 3}: group 0 keeps 4 channels.
    // conv1 9·4·3 + 4 = 112, conv2 9·4·4 + 4 = 148, conv3 9·4·4 + 4 = 148; MACs 576·12 + 576·16 + 144·16.
    const plan = new Map([["conv1", [0, 1, 2]], ["conv2", [2, 3]]]);
    expect(planPreview(MODEL, plan)).toEqual({ parameters_before: 1200, parameters_after: 100 + 112 + 148 + 148, macs_before: 55296, macs_after: 6912 + 9216 + 2304 });
    // conv3 without filter 0: 9·3·4 + 3 = 111 and 144·12 MACs.
    plan.set("conv3", [0]);
    expect(planPreview(MODEL, plan)).toEqual({ parameters_before: 1200, parameters_after: 471, macs_before: 55296, macs_after: 17856 });
  });

  it("changes nothing for an empty plan", () => {
    expect(planPreview(MODEL, new Map())).toEqual({ parameters_before: 1200, parameters_after: 1200, macs_before: 55296, macs_after: 55296 });
  });

  it("rounds a fractional count half to even, as Python", () => {
    // 2 of a side's channels in a 4-channel group, one removed: 2 · 3/4 = 1.5 channels; 1 fixed parameter + 1.5 = 2.5.
    const shares = stats([layer("a", 4, 0)], [{ ...GROUPS[1]!, modules: ["a"] }], {
      fixed_parameters: 1,
      cost_terms: [{ ...term("a", [0, 2], 1), params_per_pair: 0, macs_per_pair: 1 }],
    });
    expect(planPreview(shares, new Map([["a", [0]]]))).toMatchObject({ parameters_after: 2, macs_after: 2 });
  });
});

describe("remainingChannels", () => {
  it("is each group's channel count minus the distinct removed indices", () => {
    expect(remainingChannels(MODEL, new Map([["conv1", [0, 1]], ["conv2", [1, 5]], ["conv3", [2]]]))).toEqual([5, 3, 10]);
  });
});

describe("termCost", () => {
  it("names a group the statistics do not have", () => {
    expect(() => termCost(term("x", [7, 1], 1), GROUPS, [8, 4, 10])).toThrow('cost term of "x" names group 7; the statistics have 3');
  });
});

describe("roundHalfEven", () => {
  it("rounds halves to the even integer", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
    expect(Object.is(roundHalfEven(-0.4), 0)).toBe(true);
  });
});

describe("groupRemovals", () => {
  it("lists each touched group once", () => {
    expect(groupRemovals(MODEL, new Map([["conv2", [5]], ["conv1", [5, 6]]]))).toEqual([{ group: 0, modules: ["conv1", "conv2"], removed: 2, channelCount: 8 }]);
  });
});

describe("unprunableReason", () => {
  it("allows a layer of a prunable group", () => {
    expect(unprunableReason(MODEL, "conv1")).toBeNull();
  });

  it("refuses group -1, an unprunable group (with its reason) and unknown layers", () => {
    expect(unprunableReason(MODEL, "fc")).toBe('layer "fc" cannot be pruned: it belongs to no prunable group');
    expect(unprunableReason(MODEL, "head")).toBe('layer "head" cannot be pruned: its channels reach the model output');
    expect(unprunableReason(MODEL, "nope")).toBe('no layer "nope" in the filter statistics of run "demo", step 3');
  });
});

describe("withLayer", () => {
  it("sets a layer's filters, sorted and unique, replacing what it had", () => {
    const first = withLayer(MODEL, new Map(), "conv3", [2, 0, 2]);
    expect(first).toEqual({ plan: new Map([["conv3", [0, 2]]]) });
    const second = withLayer(MODEL, (first as { plan: Map<string, number[]> }).plan, "conv3", [1]);
    expect(second).toEqual({ plan: new Map([["conv3", [1]]]) });
  });

  it("takes a layer out with no filters", () => {
    expect(withLayer(MODEL, new Map([["conv3", [1]]]), "conv3", [])).toEqual({ plan: new Map() });
  });

  it("refuses to empty a coupled group", () => {
    const plan = new Map([["conv1", [0, 1, 2, 3]]]);
    expect(withLayer(MODEL, plan, "conv2", [4, 5, 6, 7])).toEqual({
      error: "the plan removes all 8 channels of the coupled layers conv1, conv2; keep at least one",
    });
  });

  it("refuses layers that cannot be pruned and filters they do not have", () => {
    expect(withLayer(MODEL, new Map(), "fc", [0])).toEqual({ error: 'layer "fc" cannot be pruned: it belongs to no prunable group' });
    expect(withLayer(MODEL, new Map(), "conv3", [4, -1])).toEqual({ error: 'layer "conv3" has 4 filters; no filter -1, 4' });
  });
});

describe("planProblems", () => {
  it("is empty for a good plan", () => {
    expect(planProblems(MODEL, new Map([["conv1", [0]]]))).toEqual([]);
  });
});

describe("planJson", () => {
  it("is the documented format, layers in model order", () => {
    const json = planJson(MODEL, new Map([["conv3", [3]], ["conv1", [0, 1]]]));
    expect(json).toEqual({
      format: PLAN_FORMAT,
      version: 1,
      source: { run: "demo", tag: "filter_stats", step: 3, graph_tag: "bert" },
      layers: { conv1: { filter_count: 8, remove: [0, 1] }, conv3: { filter_count: 4, remove: [3] } },
      // group 0 keeps 6, group 1 keeps 3: 100 + (9·6·3 + 6) + (9·6·6 + 6) + (9·3·6 + 3); 576·18 + 576·36 + 144·18.
      preview: { parameters_before: 1200, parameters_after: 763, macs_before: 55296, macs_after: 33696 },
    });
    expect(Object.keys(json.layers)).toEqual(["conv1", "conv3"]);
  });

  it("reproduces the docs' plan (its preview from the sample's one cost term)", () => {
    expect(planJson(DOCS_SAMPLE, new Map([["features.0", [1, 3]]]))).toEqual({
      format: "graphfold.pruning_plan",
      version: 1,
      source: { run: "digits/original", tag: "filter_stats", step: 30, graph_tag: "model" },
      layers: { "features.0": { filter_count: 4, remove: [1, 3] } },
      preview: { parameters_before: 23466, parameters_after: 670, macs_before: 1170432, macs_after: 1152 },
    });
  });
});

describe("planFileName", () => {
  it("tames the run name", () => {
    expect(planFileName({ run: "digits/original", step: 30 })).toBe("pruning_plan_digits_original_30.json");
    expect(planFileName({ run: EVIL, step: 0 })).toBe("pruning_plan_img_src_x_onerror_alert_1_0.json");
    expect(planFileName({ run: "///", step: 2 })).toBe("pruning_plan_run_2.json");
  });
});
