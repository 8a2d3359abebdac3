/**
 * The training-dynamics overlay's data: each run's weight_graph series
 * (`GET weight_graph`) and scalars (`GET scalars`), fetched once per listing
 * and kept until `clear()`.
 */

import type { OverlayApi } from "../api";
import type { ScalarsJson, WeightGraphJson, WeightGraphListing } from "../types";

export interface DynamicsSeriesStore {
  /** Series `s` if it has arrived, else null. */
  get(s: { run: string; tag: string }): WeightGraphJson | null;
  /** Fetch series `s` once; a failure rejects (and is fetched again next time). */
  load(s: WeightGraphListing): Promise<WeightGraphJson>;
  /** Fetch every series in `series` and its run's scalars; resolves with a message per failure (the rest still arrive). */
  loadAll(series: readonly WeightGraphListing[]): Promise<string[]>;
  readonly scalars: ReadonlyMap<string, ScalarsJson>;
  clear(): void;
}

export function createDynamicsSeriesStore(deps: {
  api: OverlayApi;
  track<T>(work: Promise<T>): Promise<T>;
  scalars(run: string): Promise<ScalarsJson>;
}): DynamicsSeriesStore {
  const loaded = new Map<string, WeightGraphJson>();
  const scalars = new Map<string, ScalarsJson>();
  const key = (s: { run: string; tag: string }) => JSON.stringify([s.run, s.tag]);

  async function load(s: WeightGraphListing): Promise<WeightGraphJson> {
    const cached = loaded.get(key(s));
    if (cached) return cached;
    const json = await deps.track(deps.api.weightGraph({ run: s.run, tag: s.tag }));
    loaded.set(key(s), json);
    return json;
  }

  return {
    get: (s) => loaded.get(key(s)) ?? null,
    load,
    async loadAll(series) {
      const failures: string[] = [];
      await Promise.all(
        series.map(async (s) => {
          try {
            await load(s);
          } catch (error) {
            failures.push(`${s.run}: ${message(error)}`);
          }
          if (!scalars.has(s.run)) {
            try {
              scalars.set(s.run, await deps.track(deps.scalars(s.run)));
            } catch (error) {
              failures.push(`scalars of ${s.run}: ${message(error)}`);
            }
          }
        }),
      );
      return failures;
    },
    scalars,
    clear() {
      loaded.clear();
      scalars.clear();
    },
  };
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
