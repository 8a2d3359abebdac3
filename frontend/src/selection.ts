/**
 * Which graph is selected: kept in the URL fragment
 * (`#run=..&tag=..&step=..&source=..`) so a reload or a shared link shows the
 * same graph, and resolved against the listing, which may have changed since.
 */

import type { GraphKey } from "./api";
import { decodeDeepLink, encodeDeepLink } from "./deep_link";
import type { GraphListing, GraphSource } from "./types";
import { EMPTY_STATE } from "./view_state";

/** A selection as asked for: `step` null means "the latest readable step". */
export interface WantedGraph {
  run: string;
  tag: string;
  source: GraphSource;
  step: number | null;
}

/** A selection that exists in the listing; `step` is null when no step is readable. */
export interface ResolvedGraph {
  listing: GraphListing;
  step: number | null;
}

/** The fragment naming `key` alone (deep_link.ts adds what is opened). */
export function encodeFragment(key: GraphKey): string {
  return encodeDeepLink(key, EMPTY_STATE);
}

/** The selection a fragment names, or null when it names none (no run or tag). */
export function decodeFragment(hash: string): WantedGraph | null {
  return decodeDeepLink(hash).graph;
}

/**
 * The listed graph closest to `wanted`: the same run, tag and source, else the
 * run's first graph, else the first graph; the wanted step if it is readable,
 * else the latest readable one. Null only for an empty listing.
 */
export function resolveSelection(
  listings: readonly GraphListing[],
  wanted: WantedGraph | null,
): ResolvedGraph | null {
  const exact =
    wanted && listings.find((l) => l.run === wanted.run && l.tag === wanted.tag && l.source === wanted.source);
  const listing = exact || (wanted && listings.find((l) => l.run === wanted.run)) || listings[0];
  if (!listing) return null;
  const wantedStep = exact && wanted ? wanted.step : null;
  const readable = readableSteps(listing);
  const step = wantedStep !== null && readable.includes(wantedStep) ? wantedStep : latest(readable);
  return { listing, step };
}

export function readableSteps(listing: GraphListing): number[] {
  return listing.steps.filter((s) => s.error === null).map((s) => s.step);
}

function latest(steps: readonly number[]): number | null {
  return steps.reduce<number | null>((max, s) => (max === null || s > max ? s : max), null);
}
