// @vitest-environment node
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { buildLayoutInput } from "../../src/layout_input";
import { createElk } from "../../src/worker/create_elk";
import { runLayout } from "../../src/worker/run_layout";
import { OPEN_ENCODER, VIEWS } from "../view_fixtures";

describe("createElk", () => {
  it("lays views out as elkjs's bundle does: back edges, layer constraints, fixed ports", async () => {
    const ours = createElk();
    const bundled = new ELK();
    const inputs = [
      buildLayoutInput(VIEWS["encoder.layer.0"]!, new Map(), "layer").input,
      buildLayoutInput(VIEWS[""]!, new Map(), "root").input,
      buildLayoutInput(VIEWS[""]!, new Map([["m:encoder", OPEN_ENCODER]]), "root, encoder open").input,
    ];
    for (const input of inputs) {
      const [a, b] = [await runLayout(ours, input), await runLayout(bundled, input)];
      expect({ ...a, ms: 0 }, input.key).toEqual({ ...b, ms: 0 });
      expect(a.nodes.length).toBeGreaterThan(1);
    }
  });
});
