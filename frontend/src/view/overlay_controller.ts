/**
 * The overlays of the graph tab, wired from components with explicit inputs
 * and outputs: the bar (overlay_bar.ts), the data source of the pruning
 * overlay (filter_step_source.ts: `GET filter_summary` when the overlay is
 * switched on, `GET filter_layer` when a layer panel opens, cached), the
 * colouring (pruning_paint.ts), the layer and comparison panels, the
 * pruning plan (plan_controller.ts) and the training-dynamics controller
 * (dynamics_controller.ts), which gets the listing, scene and selection from
 * here. This file keeps the state they share: mode, series, step, metric,
 * weak rule, selected layer. That state is also the overlay's part of the
 * deep link (deep_link.ts), restored from the page's link once its series is
 * listed. The server stays read-only: the plan is built and saved in the
 * browser.
 */

import type { GraphKey, OverlayApi } from "../api";
import { decodeDeepLink, provideOverlayLink, withOverlayLink } from "../deep_link";
import type { OverlayLink } from "../deep_link";
import { readHostFragment, writeHostFragment } from "../host_link";
import type { ColorScale } from "../overlay/color_scale";
import { WEAK_SHARE } from "../overlay/filter_metrics";
import type { OverlayMetric, WeakBy } from "../overlay/filter_metrics";
import { modulePath } from "../overlay/item_values";
import type { ItemValue } from "../overlay/item_values";
import { defaultStep, filterSeriesFor } from "../overlay/series";
import type { TrainingSummaryJson } from "../overlay/training_summary";
import { findLayer } from "../pruning_plan";
import type { Scene, SceneItem } from "../scene";
import type { FilterMetricKey, FilterStatsJson, FilterStatsListing, OverlayListing, PruningPlanJson, ScalarsJson } from "../types";
import { createComparePanel } from "./compare_panel";
import type { CompareDebugRow } from "./compare_panel";
import { createDynamicsController } from "./dynamics_controller";
import type { DynamicsDebug } from "./dynamics_controller";
import type { LayerDebug } from "./layer_panel";
import { createLayerPanel } from "./layer_panel";
import { createFilterStepSource } from "./filter_step_source";
import { createLegend, createOverlayBar } from "./overlay_bar";
import type { LegendContent, OverlayMode } from "./overlay_bar";
import { barState, orderMetric, overlayLink, restoredChoice } from "./overlay_state";
import type { OverlayChoice } from "./overlay_state";
import { createPlanController } from "./plan_controller";
import { pruningColours } from "./pruning_paint";
import type { OverlayPaint } from "./renderer";
import { LIGHT } from "./theme";
import type { Palette } from "./theme";

/** What window.__graphfold.overlay() reports. */
export interface OverlayDebug {
  mode: OverlayMode;
  metric: OverlayMetric;
  weakBy: WeakBy;
  /** The filter_stats step shown, or null. */
  series: { run: string; tag: string; step: number } | null;
  /** The colour scale's range, or null when nothing is coloured (in either mode). */
  range: [number, number] | null;
  /** Drawn items with a value, and the value (in either mode). */
  colored: { id: string; value: number }[];
}

export interface OverlayHooks {
  overlay(): OverlayDebug;
  /** `GET filter_layer` requests made so far (a reopened layer panel asks nothing). */
  layerRequests(): number;
  /** The plan as it would download, or null when no statistics are loaded. */
  plan(): PruningPlanJson | null;
  /** The layer panel's state, or null when it is hidden. */
  layer(): LayerDebug | null;
  /** Select filters of a layer (under `metric`, default its current order) and show it in the layer panel. */
  selectFilters(module: string, filters: number[], metric?: FilterMetricKey): void;
  /** The training-dynamics overlay's state. */
  dynamics(): DynamicsDebug;
  /** The early-training summary as its JSON export, or null when it is not shown. */
  summary(): TrainingSummaryJson | null;
  /** The comparison rows of the pruning overlay ([] when hidden). */
  compare(): CompareDebugRow[];
}

export interface OverlayController {
  bar: HTMLElement;
  legend: HTMLElement;
  layerPanel: HTMLElement;
  planPanel: HTMLElement;
  comparePanel: HTMLElement;
  dynamicsLayerPanel: HTMLElement;
  summaryPanel: HTMLElement;
  graphShown(key: GraphKey): void;
  sceneShown(scene: Scene): void;
  /** The graph selection is now `item` (null: nothing). */
  selected(item: SceneItem | null): void;
  setPalette(palette: Palette): void;
  clear(): void;
  /** A line for the tooltip of item `id`, or null. */
  describe(id: string): string | null;
  /** What an export draws of the overlay: the paint on the canvas and the legend (null when off). */
  exported(): { paint: OverlayPaint | null; legend: LegendContent | null };
  hooks: OverlayHooks;
}

export function createOverlayController(deps: {
  api: OverlayApi;
  paint(overlay: OverlayPaint | null): void;
  track<T>(work: Promise<T>): Promise<T>;
  /** Items the last frame drew a sparkline in. */
  drawnSparklines(): number;
  /** The overlay part of the page's link to restore (default: the page's own fragment). */
  link?: OverlayLink | null;
}): OverlayController {
  let generation = 0;
  let listing: OverlayListing[] = [];
  let series: FilterStatsListing | null = null;
  let hasDynamics = false;
  let scalarCache = new Map<string, Promise<ScalarsJson>>();
  let step: number | null = null;
  let stats: FilterStatsJson | null = null;
  let mode: OverlayMode = "none";
  let metric: OverlayMetric = WEAK_SHARE;
  let weakBy: WeakBy = "discriminability";
  let status = "";
  let statusIsError = false;
  let scene: Scene | null = null;
  let palette = LIGHT;
  let selection: string | null = null;
  let layerModule: string | null = null;
  let values = new Map<string, ItemValue>();
  let scale: ColorScale | null = null;
  let painted: OverlayPaint | null = null;
  /** The link's overlay state, applied once its series is listed (and its layer once statistics load). */
  let pending: OverlayLink | null = deps.link !== undefined ? deps.link : decodeDeepLink(location.hash || readHostFragment()).overlay;
  const source = createFilterStepSource(deps.api);
  const paint = (next: OverlayPaint | null) => {
    painted = next;
    deps.paint(next);
  };

  const legend = createLegend();
  const scalars = (run: string): Promise<ScalarsJson> => {
    let cached = scalarCache.get(run);
    if (!cached) scalarCache.set(run, (cached = deps.api.scalars(run)));
    return cached;
  };
  const dynamics = createDynamicsController({
    api: deps.api,
    paint,
    legend: (content) => legend.show(content),
    status: (text, error) => {
      status = text;
      statusIsError = error;
      showBar();
    },
    track: deps.track,
    scalars,
    drawnSparklines: deps.drawnSparklines,
  });
  const compare = createComparePanel({ scalars, track: deps.track });
  const bar = createOverlayBar({
    mode: (next) => {
      mode = next;
      status = "";
      statusIsError = false;
      void deps.track(dynamics.setActive(mode === "dynamics"));
      void refresh();
      linkChanged();
    },
    step: (next) => {
      step = next;
      void refresh();
      linkChanged();
    },
    metric: (next) => {
      metric = next as OverlayMetric;
      showBar();
      recolour();
      const order = orderMetric(stats, metric, weakBy);
      if (order) layers.follow(order);
      linkChanged();
    },
    weakBy: (next) => {
      weakBy = next as WeakBy;
      recolour();
      linkChanged();
    },
  }, dynamics.controls);
  const layers = createLayerPanel({
    addToPlan: (module, filters) => plans.add(module, filters),
    classMeans: (module, classes) => {
      if (!stats) return Promise.reject(new Error("no filter statistics are loaded"));
      return deps.track(source.classMeans({ run: stats.run, tag: stats.tag, step: stats.step }, module, classes));
    },
  });
  provideOverlayLink(link);
  const plans = createPlanController({ stats: () => stats, on });

  function on(): boolean {
    return mode === "pruning" && stats !== null;
  }

  function choice(): OverlayChoice {
    return { mode, step, metric, weakBy };
  }

  async function refresh(): Promise<void> {
    const mine = generation;
    if (mode === "pruning" && series && step !== null && (!stats || stats.step !== step || stats.tag !== series.tag || stats.run !== series.run)) {
      status = `Loading filter statistics (step ${step})…`;
      statusIsError = false;
      showBar();
      try {
        const loaded = await deps.track(source.summary({ run: series.run, tag: series.tag, step }));
        if (mine !== generation) return;
        useStats(loaded);
        status = "";
      } catch (error) {
        if (mine !== generation) return;
        status = `Could not load the filter statistics: ${error instanceof Error ? error.message : String(error)}`;
        statusIsError = true;
      }
    }
    showBar();
    recolour();
    showPanels();
  }

  function useStats(next: FilterStatsJson): void {
    stats = next;
    plans.reset();
    const keys = next.metrics.map((m) => m.key);
    if (metric !== WEAK_SHARE && !keys.includes(metric)) metric = WEAK_SHARE;
    if (weakBy !== "any" && !keys.includes(weakBy)) weakBy = keys[0] ?? "any";
    if (pending?.layer && !layerModule && findLayer(next, pending.layer)) layerModule = pending.layer;
    pending = null;
  }

  function link(): OverlayLink | null {
    return overlayLink(choice(), layerModule);
  }

  /** Rewrite the overlay part of the page's fragment (the rest is the graph tab's). */
  function linkChanged(): void {
    const url = new URL(location.href);
    url.hash = withOverlayLink(url.hash, link());
    if (url.href === location.href) return;
    history.replaceState(history.state, "", url.href);
    writeHostFragment(url.hash);
  }

  /** The link's overlay state, once the graph's series are listed (its layer waits for the statistics). */
  function restore(wanted: OverlayLink): void {
    ({ mode, step, metric, weakBy } = restoredChoice(choice(), wanted, series, hasDynamics));
    if (mode !== "pruning") pending = null;
  }

  function showBar(): void {
    bar.show(barState(choice(), { series, hasDynamics, stats, status, error: statusIsError }));
  }

  function recolour(): void {
    values = new Map();
    scale = null;
    // The dynamics controller paints while its mode is on.
    if (mode === "dynamics") return;
    if (!on() || !scene) {
      paint(null);
      legend.show(null);
      return;
    }
    const coloured = pruningColours(stats!, scene, metric, weakBy, palette);
    values = coloured.values;
    scale = coloured.scale;
    paint(coloured.paint);
    legend.show(coloured.legend);
  }

  function showPanels(): void {
    const order = orderMetric(stats, metric, weakBy);
    if (on() && layerModule && order && findLayer(stats!, layerModule)) layers.show(stats, layerModule, order);
    else layers.show(null, null, "discriminability");
    plans.show();
    compare.show(mode === "pruning" && series ? { listing, run: series.run, step } : null);
  }

  function layerOf(item: SceneItem | null): string | null {
    if (!item || !("type" in item.json)) return null;
    // Every call of a module (`relu@1`) shows that module's layer.
    if (item.json.type === "module") return modulePath(item.json.path);
    if (item.json.type === "op") return modulePath(item.view.module.path);
    return null;
  }

  return {
    bar: bar.element,
    legend: legend.element,
    layerPanel: layers.element,
    planPanel: plans.element,
    comparePanel: compare.element,
    dynamicsLayerPanel: dynamics.layerPanel,
    summaryPanel: dynamics.summaryPanel,
    graphShown(key) {
      const mine = ++generation;
      const keep = series;
      series = null;
      hasDynamics = false;
      listing = [];
      scalarCache = new Map();
      dynamics.use([], key);
      scene = null;
      selection = null;
      layerModule = null;
      status = "";
      statusIsError = false;
      void deps.track(
        deps.api.overlays().then(
          (next) => {
            if (mine !== generation) return;
            listing = next;
            series = filterSeriesFor(listing, key.run, key.tag);
            hasDynamics = dynamics.use(listing, key);
            // The first scene may be drawn before the listing arrives (a draft is quick): hand it over again.
            if (scene) dynamics.sceneShown(scene);
            const same = series && keep && series.run === keep.run && series.tag === keep.tag;
            if (!same) {
              stats = null;
              plans.reset();
            }
            step = series ? defaultStep(series, same ? step : null) : null;
            if (pending) restore(pending);
            if ((mode === "pruning" && !series) || (mode === "dynamics" && !hasDynamics)) mode = "none";
            void deps.track(dynamics.setActive(mode === "dynamics"));
            return refresh();
          },
          (error: unknown) => {
            if (mine !== generation) return;
            stats = null;
            status = `Overlays unavailable: ${error instanceof Error ? error.message : String(error)}`;
            statusIsError = true;
            showBar();
          },
        ),
      );
      showBar();
      recolour();
      showPanels();
    },
    sceneShown(next) {
      scene = next;
      dynamics.sceneShown(next);
      recolour();
    },
    selected(item) {
      const id = item?.id ?? null;
      if (id === selection) return;
      selection = id;
      layerModule = layerOf(item);
      dynamics.selected(layerModule);
      showPanels();
      if (mode !== "none") linkChanged();
    },
    setPalette(next) {
      palette = next;
      dynamics.setPalette(next);
      recolour();
    },
    clear() {
      generation++;
      series = null;
      hasDynamics = false;
      listing = [];
      dynamics.clear();
      void dynamics.setActive(false);
      stats = null;
      scene = null;
      plans.reset();
      bar.show(null);
      recolour();
      showPanels();
    },
    exported: () => ({ paint: painted, legend: legend.current() }),
    describe(id) {
      if (mode === "dynamics") return dynamics.describe(id);
      const v = values.get(id);
      if (!v || !scale) return null;
      const shown = metric === WEAK_SHARE ? `${Math.round(v.value * 100)}% weak filters` : `${v.value.toPrecision(3)} mean`;
      return v.layers > 1 ? `${shown} over ${v.layers} layers (${v.weight} filters)` : `${shown} (${v.weight} filters)`;
    },
    hooks: {
      overlay: () => {
        const painted = mode === "dynamics" ? dynamics.debug() : null;
        return {
          mode,
          metric,
          weakBy,
          series: stats && on() ? { run: stats.run, tag: stats.tag, step: stats.step } : null,
          range: painted ? painted.range : scale ? [scale.min, scale.max] : null,
          colored: painted ? painted.colored : [...values.values()].map((v) => ({ id: v.id, value: v.value })),
        };
      },
      layerRequests: () => source.layerRequests(),
      plan: () => plans.json(),
      layer: () => layers.debug(),
      selectFilters(module, filters, metricKey) {
        if (!on()) throw new Error('selectFilters: the pruning overlay is off; pick "Pruning metrics" in overlay-mode first');
        layerModule = module;
        layers.selectFilters(stats!, module, filters, metricKey);
      },
      dynamics: () => dynamics.debug(),
      summary: () => (mode === "dynamics" ? dynamics.summary() : null),
      compare: () => compare.debug(),
    },
  };
}
