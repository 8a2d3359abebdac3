/**
 * Where the pruning overlay's data comes from, in the order the user needs
 * it: a step's summary when the overlay is switched on (`GET
 * filter_summary`), a layer's class means when its panel first opens (`GET
 * filter_layer`), kept in the browser so reopening a layer asks nothing. The
 * class means kept are bounded by their bytes (a 1,000-class, 2,048-filter
 * layer is 8 MB); the least recently used go first. A failed request is not
 * kept, so the next open asks again.
 */

import type { OverlayApi, OverlayKey } from "../api";
import type { FilterStatsJson, LayerClassMeans } from "../types";

/** Bytes of class means kept in the browser. */
export const CLASS_MEANS_BUDGET = 256 * 1024 * 1024;

export interface FilterStepSource {
  summary(key: OverlayKey): Promise<FilterStatsJson>;
  classMeans(key: OverlayKey, module: string): Promise<LayerClassMeans>;
  /** Requests of `GET filter_layer` made so far (for tests: a reopened layer asks nothing). */
  layerRequests(): number;
}

export function createFilterStepSource(api: Pick<OverlayApi, "filterSummary" | "filterLayer">, budget = CLASS_MEANS_BUDGET): FilterStepSource {
  const kept = new Map<string, { means: Promise<LayerClassMeans>; bytes: number }>();
  let keptBytes = 0;
  let requests = 0;

  function evict(): void {
    for (const [name, entry] of kept) {
      if (keptBytes <= budget || kept.size <= 1) break;
      kept.delete(name);
      keptBytes -= entry.bytes;
    }
  }

  return {
    summary: (key) => api.filterSummary(key),
    classMeans(key, module) {
      const name = JSON.stringify([key.run, key.tag, key.step, module]);
      const hit = kept.get(name);
      if (hit) {
        kept.delete(name);
        kept.set(name, hit);
        return hit.means;
      }
      requests++;
      const entry = { means: api.filterLayer(key, module), bytes: 0 };
      kept.set(name, entry);
      entry.means.then(
        (loaded) => {
          if (kept.get(name) !== entry) return;
          entry.bytes = loaded.classCount * loaded.filterCount * 4;
          keptBytes += entry.bytes;
          evict();
        },
        () => {
          if (kept.get(name) === entry) kept.delete(name);
        },
      );
      return entry.means;
    },
    layerRequests: () => requests,
  };
}
