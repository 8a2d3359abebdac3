// The graph summary says how the graph was captured (GraphJson.capture).
import { describe, expect, it } from "vitest";
import { summarizeGraph } from "../../src/summary";
import { captureLabel, renderSummary } from "../../src/view/summary_panel";
import { TINY_BERT } from "../fixtures";

function capturedWith(panel: HTMLElement): HTMLElement {
  const fact = panel.querySelector<HTMLElement>('[data-testid="fact-captured-with"]');
  if (!fact) throw new Error("no 'Captured with' fact");
  return fact;
}

describe("captured with", () => {
  it("names each method as the summary shows it", () => {
    expect(captureLabel("torch.export")).toBe("torch.export");
    expect(captureLabel("torch.export(strict)")).toBe("torch.export (strict)");
    expect(captureLabel("torchscript")).toBe("TorchScript");
    expect(captureLabel("")).toBe("not recorded");
  });

  it("shows the fallback and why on hover", () => {
    const panel = renderSummary(summarizeGraph({ ...TINY_BERT, source_format: "torchscript", capture: "torchscript" }));
    const fact = capturedWith(panel);
    expect(fact.textContent).toBe("TorchScript");
    expect(fact.title).toMatch(/path the example inputs took/);
    expect(panel.textContent).toContain("Source formatTorchScript");
  });

  it("says nothing was recorded for an older log", () => {
    const { capture: _, ...older } = { ...TINY_BERT, capture: "torch.export" as const };
    const panel = renderSummary(summarizeGraph(older));
    expect(capturedWith(panel).textContent).toBe("not recorded");
    expect(capturedWith(panel).hasAttribute("title")).toBe(false);
  });
});
