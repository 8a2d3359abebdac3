/**
 * Where the pruning overlay's data comes from, in the order the user needs
 * it: a step's summary when the overlay is switched on (`GET
 * filter_summary`), and a layer's class means when its panel first opens
 * (`GET filter_layer`): first the rows the panel draws first (the server's
 * default, the classes of the layer's best and worst pairs, or the classes
 * the panel names), then the rows of each class the user picks later, once.
 * Rows are kept in the browser, so reopening a layer asks nothing. What is
 * kept is bounded by its bytes (all 1,000 classes of a 2,048-filter layer are
 * 8 MB); the least recently used layers go first. A failed request is not
 * kept: the rows loaded before stay, and the next call asks again.
 */

import type { OverlayApi, OverlayKey } from "../api";
import { missingClasses } from "../overlay/class_pairs";
import type { FilterStatsJson, LayerClassMeans, LayerClassRows } from "../types";

/** Bytes of class means kept in the browser. */
export const CLASS_MEANS_BUDGET = 256 * 1024 * 1024;

export interface FilterStepSource {
  summary(key: OverlayKey): Promise<FilterStatsJson>;
  /**
   * The class means of `module` loaded so far, with at least the rows of
   * `classes` (null: whatever is loaded, or on a first call the server's
   * first rows).
   */
  classMeans(key: OverlayKey, module: string, classes: readonly number[] | null): Promise<LayerClassMeans>;
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

  function count(name: string, entry: { bytes: number }, means: LayerClassMeans): void {
    if (kept.get(name) !== entry) return;
    const bytes = means.a.reduce((sum, row) => sum + (row ? row.byteLength : 0), 0);
    keptBytes += bytes - entry.bytes;
    entry.bytes = bytes;
    evict();
  }

  return {
    summary: (key) => api.filterSummary(key),
    classMeans(key, module, classes) {
      const name = JSON.stringify([key.run, key.tag, key.step, module]);
      const hit = kept.get(name);
      if (!hit) {
        requests++;
        const entry = { means: api.filterLayer(key, module, classes).then((rows) => withRows(null, rows)), bytes: 0 };
        kept.set(name, entry);
        entry.means.then(
          (means) => count(name, entry, means),
          () => {
            if (kept.get(name) === entry) kept.delete(name);
          },
        );
        return entry.means;
      }
      kept.delete(name);
      kept.set(name, hit);
      if (classes === null) return hit.means;
      const before = hit.means;
      const after = before.then((known) => {
        const missing = missingClasses(known.a, classes);
        if (!missing.length) return known;
        requests++;
        return api.filterLayer(key, module, missing).then((rows) => withRows(known, rows));
      });
      hit.means = after.catch(() => before);
      after.then((means) => count(name, hit, means), () => undefined);
      return after;
    },
    layerRequests: () => requests,
  };
}

/** `known`'s rows with those of `rows` added (a new object; `known` is left as it is). */
export function withRows(known: LayerClassMeans | null, rows: LayerClassRows): LayerClassMeans {
  if (known && (known.classCount !== rows.classCount || known.filterCount !== rows.filterCount)) {
    throw new Error(
      `layer ${rows.module} answered ${rows.classCount} classes × ${rows.filterCount} filters, ` +
        `where it answered ${known.classCount} × ${known.filterCount} before: the logged step changed; reload the page`,
    );
  }
  const a: (Float32Array | undefined)[] = known ? [...known.a] : Array.from({ length: rows.classCount }, () => undefined);
  rows.classes.forEach((c, i) => {
    a[c] = rows.rows[i];
  });
  return { module: rows.module, classCount: rows.classCount, filterCount: rows.filterCount, a, pairs: rows.pairs };
}
