// @vitest-environment node
import { describe, expect, it } from "vitest";
import { itemLines, oneLine, stackTitle } from "../src/geometry";
import { shortClassName } from "../src/summary";
import { BACKWARD_CLASS, OPTIMIZER_CLASS, isBackwardClass, isBackwardItem, phaseGroupTitle } from "../src/training";
import { LAYERS, module } from "./view_fixtures";

const BERT_LAYER = "transformers.models.bert.modeling_bert.BertLayer";

describe("phaseGroupTitle", () => {
  it("marks a backward group with ∇ and the class it differentiates", () => {
    expect(phaseGroupTitle(`${BACKWARD_CLASS}/${BERT_LAYER}`)).toBe("∇ BertLayer");
    expect(phaseGroupTitle(BACKWARD_CLASS)).toBe("∇");
  });

  it("marks the optimizer's update with Δ", () => {
    expect(phaseGroupTitle(`${OPTIMIZER_CLASS}/torch.optim.adamw.AdamW`)).toBe("Δ AdamW");
    expect(phaseGroupTitle(`${OPTIMIZER_CLASS}/torch.nn.modules.linear.Linear`)).toBe("Δ Linear");
  });

  it("leaves other classes alone", () => {
    expect(phaseGroupTitle(BERT_LAYER)).toBeNull();
    expect(phaseGroupTitle("graphfold.BackwardCompatible")).toBeNull();
    expect(shortClassName(BERT_LAYER)).toBe("BertLayer");
  });
});

describe("backward groups", () => {
  const backward = module("encoder.layer.0.∇", `${BACKWARD_CLASS}/${BERT_LAYER}`, { node_count: 116 });

  it("are told apart by class, stacks included", () => {
    expect(isBackwardItem(backward)).toBe(true);
    expect(isBackwardItem(module("encoder.layer.0", BERT_LAYER))).toBe(false);
    expect(isBackwardItem(LAYERS)).toBe(false);
    const stack = { ...LAYERS, class_name: `${BACKWARD_CLASS}/a.Linear | ${BACKWARD_CLASS}/a.Conv` };
    expect(isBackwardItem(stack)).toBe(true);
    expect(isBackwardClass(`${BACKWARD_CLASS}/a.Linear | a.Conv`)).toBe(false);
  });

  it("are titled by the module they differentiate", () => {
    expect(oneLine(itemLines(backward))).toBe("∇ BertLayer · ∇");
    expect(stackTitle({ ...LAYERS, class_name: `${BACKWARD_CLASS}/torch.nn.modules.linear.Linear` })).toBe("∇ Linear");
  });
});
