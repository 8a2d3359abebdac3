/**
 * The source picker: run, tag and step selects over the `GET graphs` listing.
 * It only reports what the user picked; the app resolves the pick against the
 * listing and calls show() with the result.
 */

import { formatBytes, plural } from "../format";
import type { ResolvedGraph, WantedGraph } from "../selection";
import type { GraphListing, StepInfo } from "../types";
import { h, option } from "./dom";

export interface Picker {
  element: HTMLElement;
  show(listings: readonly GraphListing[], selected: ResolvedGraph): void;
}

export function createPicker(onPick: (wanted: WantedGraph) => void): Picker {
  const runSelect = h("select", { name: "run", "data-testid": "source-run" });
  const tagSelect = h("select", { name: "tag", "data-testid": "source-tag" });
  const stepSelect = h("select", { name: "step", "data-testid": "source-step" });
  const element = h(
    "form",
    { class: "gf-picker", "aria-label": "Graph" },
    h("label", {}, "Run", runSelect),
    h("label", {}, "Tag", tagSelect),
    h("label", {}, "Step", stepSelect),
  );
  element.addEventListener("submit", (event) => event.preventDefault());

  let listings: readonly GraphListing[] = [];
  let current: GraphListing | undefined;

  runSelect.addEventListener("change", () => {
    const first = listings.find((l) => l.run === runSelect.value);
    if (first) onPick({ run: first.run, tag: first.tag, source: first.source, step: null });
  });
  tagSelect.addEventListener("change", () => {
    const picked = listings[Number(tagSelect.value)];
    if (picked) onPick({ run: picked.run, tag: picked.tag, source: picked.source, step: null });
  });
  stepSelect.addEventListener("change", () => {
    if (current) onPick({ run: current.run, tag: current.tag, source: current.source, step: Number(stepSelect.value) });
  });

  function show(all: readonly GraphListing[], selected: ResolvedGraph): void {
    listings = all;
    current = selected.listing;
    const runs = [...new Set(all.map((l) => l.run))];
    runSelect.replaceChildren(...runs.map((run) => option(run, run)));
    runSelect.value = current.run;

    const run = current.run;
    tagSelect.replaceChildren(
      ...all.flatMap((l, index) => (l.run === run ? [option(String(index), tagLabel(l))] : [])),
    );
    tagSelect.value = String(all.indexOf(current));

    stepSelect.replaceChildren(
      ...current.steps.map((s) =>
        option(String(s.step), stepLabel(s), { disabled: s.error !== null, title: stepTitle(s) }),
      ),
    );
    if (selected.step === null) stepSelect.selectedIndex = -1;
    else stepSelect.value = String(selected.step);
  }

  return { element, show };
}

/** Graphs not logged by GraphFold are marked with what they are: "__run_graph__ (GraphDef)", "keras (Keras conceptual graph)". */
export function tagLabel(listing: GraphListing): string {
  if (listing.source === "graphfold") return listing.tag;
  return `${listing.tag} (${listing.label ?? "GraphDef"})`;
}

/** "step 0 — 2,390 nodes, 183 KB", or "step 3 — error: ..." for an unreadable step. */
export function stepLabel(step: StepInfo): string {
  if (step.error !== null) return `step ${step.step} — error: ${step.error}`;
  return `step ${step.step} — ${plural(step.node_count, "node")}, ${formatBytes(step.blob_bytes)}`;
}

function stepTitle(step: StepInfo): string {
  const time = new Date(step.wall_time * 1000);
  const logged = Number.isNaN(time.getTime()) ? "" : ` (logged ${time.toISOString()})`;
  if (step.error !== null) return step.error + logged;
  return `${step.name}: ${plural(step.edge_count, "edge")}, ${plural(step.module_count, "module")}${logged}`;
}
