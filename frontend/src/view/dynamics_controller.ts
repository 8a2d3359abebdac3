/**
 * The training-dynamics overlay of the graph tab. For the graph on screen it
 * finds the run's weight_graph series (`GET overlays`), loads it (`GET
 * weight_graph`), colours the drawn items by one statistic of one property
 * at the step the slider picks, draws each item's sparkline across the steps,
 * shows the selected layer's history, and feeds the early-training summary
 * with every run's series and scalars. The overlay controller owns the mode
 * and hands this one the listing, the scene and the selection.
 *
 * Its parts: dynamics_series_store.ts (what is fetched), dynamics_colouring.ts
 * (how a scene is painted, pure), overlay_bar.ts's controls,
 * dynamics_layer_panel.ts and dynamics_summary_panel.ts; this file holds the
 * choices (series, property, statistic, step, selected layer) and wires them.
 */

import type { GraphKey, OverlayApi } from "../api";
import type { ColorScale } from "../overlay/color_scale";
import { defaultProperty, hasLayer, itemSeries, layerHistory, readableWeightSteps } from "../overlay/dynamics";
import type { DynamicsStat, LayerStepSummary } from "../overlay/dynamics";
import { overlayTargets } from "../overlay/item_values";
import type { ItemValue } from "../overlay/item_values";
import { seriesOfEveryRun, weightSeriesFor } from "../overlay/series";
import type { TrainingSummaryJson } from "../overlay/training_summary";
import type { Scene } from "../scene";
import type { OverlayListing, ScalarsJson, WeightGraphJson, WeightGraphListing, WeightGraphStepJson } from "../types";
import { describeValue, dynamicsColouring } from "./dynamics_colouring";
import type { DynamicsChoice } from "./dynamics_colouring";
import { createDynamicsLayerPanel } from "./dynamics_layer_panel";
import { createDynamicsSeriesStore, message } from "./dynamics_series_store";
import { createSummaryPanel } from "./dynamics_summary_panel";
import { createDynamicsControls } from "./overlay_bar";
import type { LegendContent } from "./overlay_bar";
import type { OverlayPaint } from "./renderer";
import { LIGHT } from "./theme";
import type { Palette } from "./theme";

/** What window.__graphfold.dynamics() reports. */
export interface DynamicsDebug {
  property: string | null;
  stat: DynamicsStat;
  /** The step shown, or null without a loaded series. */
  step: number | null;
  series: { run: string; tag: string } | null;
  /** The colour scale's range (over every step), or null when nothing is coloured. */
  range: [number, number] | null;
  colored: { id: string; value: number }[];
  /** Items the last frame drew a sparkline in. */
  sparklines: number;
  /** The selected layer's history of the property, or null when the layer panel is hidden. */
  layer: { module: string; property: string; history: LayerStepSummary[]; top: [number, number][] } | null;
}

export interface DynamicsController {
  controls: HTMLElement;
  layerPanel: HTMLElement;
  summaryPanel: HTMLElement;
  /** A new listing for graph `key`; returns whether the run has a weight_graph series. */
  use(listing: readonly OverlayListing[], key: GraphKey): boolean;
  /** Turn the overlay on (loading what it needs) or off. */
  setActive(on: boolean): Promise<void>;
  sceneShown(scene: Scene): void;
  selected(module: string | null): void;
  setPalette(palette: Palette): void;
  clear(): void;
  describe(id: string): string | null;
  debug(): DynamicsDebug;
  summary(): TrainingSummaryJson | null;
}

export function createDynamicsController(deps: {
  api: OverlayApi;
  paint(overlay: OverlayPaint | null): void;
  legend(content: LegendContent | null): void;
  status(text: string, error: boolean): void;
  track<T>(work: Promise<T>): Promise<T>;
  scalars(run: string): Promise<ScalarsJson>;
  drawnSparklines(): number;
}): DynamicsController {
  let generation = 0;
  let active = false;
  let graphTag = "";
  let listing: readonly OverlayListing[] = [];
  let series: WeightGraphListing | null = null;
  const store = createDynamicsSeriesStore(deps);
  let steps: WeightGraphStepJson[] = [];
  /** The step to show when a series (re)loads, kept while the same series is shown again. */
  let wantedStep: number | null = null;
  let lastSeries = "";
  let property: string | null = null;
  let stat: DynamicsStat = "mean";
  let index = 0;
  let scene: Scene | null = null;
  let palette = LIGHT;
  let module: string | null = null;
  let values = new Map<string, ItemValue>();
  let sparks = new Map<string, number[]>();
  let scale: ColorScale | null = null;
  let summaryError = "";

  const controls = createDynamicsControls({
    property: (next) => {
      property = next;
      resparkle();
      show();
    },
    stat: (next) => {
      stat = next;
      resparkle();
      show();
    },
    step: (next) => {
      // The summary does not depend on the step: leave its table alone while the slider moves.
      index = next;
      wantedStep = steps[index]?.step ?? null;
      recolour();
      showControls();
      showLayer();
    },
  });
  const layerPanel = createDynamicsLayerPanel();
  const summaryPanel = createSummaryPanel();

  const key = (s: { run: string; tag: string }) => JSON.stringify([s.run, s.tag]);
  const current = (): WeightGraphJson | null => (series ? store.get(series) : null);
  const choice = (): DynamicsChoice => ({ steps, index, property: property!, stat });

  async function refresh(): Promise<void> {
    const mine = generation;
    if (!active || !series) return show();
    if (!current()) {
      deps.status(`Loading weight-graph properties of ${series.run}…`, false);
      try {
        await store.load(series);
      } catch (error) {
        if (mine !== generation) return;
        deps.status(`Could not load the weight-graph properties: ${message(error)}`, true);
        return show();
      }
      if (mine !== generation) return;
      deps.status("", false);
    }
    useSeries(current()!);
    show();
    await loadSummary(mine);
  }

  function useSeries(json: WeightGraphJson): void {
    steps = readableWeightSteps(json);
    property = defaultProperty(json.properties, property);
    const kept = steps.findIndex((s) => s.step === wantedStep);
    index = kept >= 0 ? kept : Math.max(0, steps.length - 1);
    resparkle();
  }

  /** Every run's series and scalars for the summary; one failure is named, the rest still show. */
  async function loadSummary(mine: number): Promise<void> {
    const failures = await store.loadAll(seriesOfEveryRun(listing, "weight_graph", graphTag));
    if (mine !== generation) return;
    summaryError = failures.length ? `Could not load ${failures.join("; ")}` : "";
    showSummary();
  }

  function resparkle(): void {
    sparks = scene && property ? itemSeries(steps, overlayTargets(scene), property, stat) : new Map();
  }

  function on(): boolean {
    return active && property !== null && steps.length > 0;
  }

  function show(): void {
    recolour();
    showControls();
    showLayer();
    showSummary();
  }

  function showControls(): void {
    controls.show(active && series ? { properties: current()?.properties ?? [], property: property ?? "", stat, steps: steps.map((s) => s.step), index } : null);
  }

  function recolour(): void {
    values = new Map();
    scale = null;
    if (!on() || !scene) {
      if (active) deps.paint(null);
      if (active) deps.legend(null);
      return;
    }
    const colouring = dynamicsColouring(scene, choice(), sparks, palette);
    values = colouring.values;
    scale = colouring.scale;
    deps.paint(colouring.paint);
    deps.legend(colouring.legend);
  }

  function showLayer(): void {
    if (!on() || module === null || !hasLayer(steps, module)) return layerPanel.show(null);
    const layer = steps.flatMap((s) => s.layers).find((l) => l.module === module)!;
    layerPanel.show({ module, layerType: layer.layer_type, nodeCount: layer.node_count, property: property!, history: layerHistory(steps, module, property!), step: steps[index]!.step });
  }

  function showSummary(): void {
    if (!active || !series) return summaryPanel.show(null);
    const runs = seriesOfEveryRun(listing, "weight_graph", graphTag).flatMap((s) => {
      const json = store.get(s);
      return json ? [{ run: s.run, series: json }] : [];
    });
    summaryPanel.show({ runs, scalars: store.scalars, property: property ?? "", stat, selected: module, error: summaryError });
  }

  return {
    controls: controls.element,
    layerPanel: layerPanel.element,
    summaryPanel: summaryPanel.element,
    use(next, graph) {
      generation++;
      listing = next;
      graphTag = graph.tag;
      series = weightSeriesFor(next, graph.run, graph.tag);
      store.clear();
      summaryError = "";
      steps = [];
      index = 0;
      scene = null;
      module = null;
      if (series && key(series) !== lastSeries) wantedStep = null;
      if (series) lastSeries = key(series);
      return series !== null;
    },
    setActive(next) {
      active = next;
      if (!next) {
        controls.show(null);
        layerPanel.show(null);
        summaryPanel.show(null);
        return Promise.resolve();
      }
      return refresh();
    },
    sceneShown(next) {
      scene = next;
      resparkle();
      if (active) recolour();
    },
    selected(next) {
      if (next === module) return;
      module = next;
      if (active) {
        showLayer();
        summaryPanel.highlight(next);
      }
    },
    setPalette(next) {
      palette = next;
      if (active) recolour();
    },
    clear() {
      generation++;
      series = null;
      listing = [];
      store.clear();
      steps = [];
      scene = null;
      module = null;
    },
    describe(id) {
      const v = values.get(id);
      return v && scale ? describeValue(v, choice()) : null;
    },
    debug() {
      const history = on() && module !== null ? layerHistory(steps, module, property!) : [];
      const at = history.find((h) => h.step === steps[index]?.step);
      return {
        property,
        stat,
        step: on() ? steps[index]!.step : null,
        series: series && current() ? { run: series.run, tag: series.tag } : null,
        range: scale ? [scale.min, scale.max] : null,
        colored: [...values.values()].map((v) => ({ id: v.id, value: v.value })),
        sparklines: on() ? deps.drawnSparklines() : 0,
        layer: history.length ? { module: module!, property: property!, history, top: at?.top ?? [] } : null,
      };
    },
    summary: () => summaryPanel.summary(),
  };
}
