// @vitest-environment node
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { buildLayoutInput } from "../../src/layout_input";
import type { OpenedBox } from "../../src/layout_input";
import { createElk } from "../../src/worker/create_elk";
import { runLayout } from "../../src/worker/run_layout";
import { VIEWS } from "../view_fixtures";

const OPEN_ENCODER: OpenedBox = {
  width: 300,
  height: 200,
  inPorts: [{ id: "m:encoder\u0001in:x:0", tensor: "x:0", x: 100, y: 0 }],
  outPorts: [{ id: "m:encoder\u0001out:add_1:0", tensor: "add_1:0", x: 150, y: 200 }],
  middleIn: { id: "m:encoder\u0001in", tensor: "", x: 150, y: 0 },
  middleOut: { id: "m:encoder\u0001out", tensor: "", x: 150, y: 200 },
};

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
