/**
 * The page's URL fragment: which graph, and how it is opened (docs/ui_contract.md):
 * `#run=…&tag=…&step=…&source=…&open=<path>,<path>…&sel=<item id>&member=<stack id>:<member path>,…`,
 * then the overlay's state when one is on: `&overlay=pruning&ostep=…&metric=…&weak=…&layer=<module>`.
 * A link may also say `expand=all` or `expand=<depth>`: open everything (down
 * to that depth) on load, as "expand all" does; the fragment the tab writes
 * then lists what is open instead.
 *
 * The overlay controller provides its part ({@link provideOverlayLink}) and
 * rewrites it in place when it changes ({@link withOverlayLink}); the graph
 * tab's own rewrites carry it through encodeDeepLink, so the tab needs no
 * overlay hook.
 *
 * Each path is URI-encoded on its own, so the separators stay literal and
 * paths may hold any character. A writer that encodes the whole value instead
 * (`open=a%2Cb`, as Python's urlencode does) is understood too: a value with
 * no literal separator is decoded before it is split.
 */

import type { GraphKey } from "./api";
import type { WantedGraph } from "./selection";
import type { GraphSource } from "./types";
import type { ViewState } from "./view_state";

export interface DeepLink {
  graph: WantedGraph | null;
  state: ViewState;
  /** The overlay's state, or null when the link has none. */
  overlay: OverlayLink | null;
  /** `expand=`: the depth to open everything down to on load (null: all), or null when the link has none. */
  expand: ExpandLink | null;
}

export interface ExpandLink {
  depth: number | null;
}

/** The deepest `expand=<depth>` a link may ask for: the toolbar's limit (`expand-depth`). */
export const MAX_LINK_EXPAND_DEPTH = 20;

/** The pruning overlay's part of a link: mode, step of the filter statistics, metric, weak-by, layer. */
export interface OverlayLink {
  mode: string;
  step: number | null;
  metric: string | null;
  weakBy: string | null;
  layer: string | null;
}

const SOURCES: readonly GraphSource[] = ["graphfold", "graphdef", "tf_trace", "run_metadata", "keras_model"];
const OVERLAY_PARAMS = ["overlay", "ostep", "metric", "weak", "layer"];

let overlayLink: () => OverlayLink | null = () => null;

/** The overlay state every encoded link carries from now on (the overlay controller's). */
export function provideOverlayLink(provider: () => OverlayLink | null): void {
  overlayLink = provider;
}

export function encodeDeepLink(key: GraphKey, state: ViewState): string {
  const parts = [`run=${enc(key.run)}`, `tag=${enc(key.tag)}`, `step=${key.step}`, `source=${enc(key.source)}`];
  if (state.open.size) parts.push(`open=${[...state.open].sort().map(enc).join(",")}`);
  if (state.selection !== null) parts.push(`sel=${enc(state.selection)}`);
  if (state.members.size) {
    parts.push(`member=${[...state.members].sort().map(([stack, member]) => `${enc(stack)}:${enc(member)}`).join(",")}`);
  }
  parts.push(...overlayParts(overlayLink()));
  return `#${parts.join("&")}`;
}

/**
 * `hash` with its overlay part replaced by `link` (removed for null); the rest kept verbatim.
 *
 * @example withOverlayLink("#run=a&overlay=pruning", null) // "#run=a"
 */
export function withOverlayLink(hash: string, link: OverlayLink | null): string {
  const kept = hash
    .replace(/^#/, "")
    .split("&")
    .filter((part) => part && !OVERLAY_PARAMS.includes(dec(part.split("=", 1)[0]!)));
  return `#${[...kept, ...overlayParts(link)].join("&")}`;
}

function overlayParts(link: OverlayLink | null): string[] {
  if (!link || link.mode === "none") return [];
  const parts = [`overlay=${enc(link.mode)}`];
  if (link.step !== null) parts.push(`ostep=${link.step}`);
  if (link.metric) parts.push(`metric=${enc(link.metric)}`);
  if (link.weakBy) parts.push(`weak=${enc(link.weakBy)}`);
  if (link.layer) parts.push(`layer=${enc(link.layer)}`);
  return parts;
}

export function decodeDeepLink(hash: string): DeepLink {
  const params = new Map<string, string>();
  for (const part of hash.replace(/^#/, "").split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    params.set(dec(name), eq < 0 ? "" : part.slice(eq + 1));
  }
  const value = (name: string) => {
    const raw = params.get(name);
    return raw === undefined ? undefined : dec(raw);
  };
  const run = value("run");
  const tag = value("tag");
  const step = value("step");
  const source = value("source");
  const graph: WantedGraph | null =
    run === undefined || tag === undefined
      ? null
      : {
          run,
          tag,
          source: SOURCES.find((s) => s === source) ?? "graphfold",
          step: step !== undefined && /^\d+$/.test(step) ? Number(step) : null,
        };
  const open = new Set(list(params.get("open")));
  const members = new Map<string, string>();
  const rawMembers = params.get("member") ?? "";
  const literal = /[,:]/.test(rawMembers);
  for (const entry of (literal ? rawMembers : dec(rawMembers)).split(",")) {
    const pair = literal ? literalPair(entry) : decodedPair(entry);
    if (pair) members.set(pair[0], pair[1]);
  }
  const sel = value("sel");
  const mode = value("overlay");
  const ostep = value("ostep");
  const overlay: OverlayLink | null = mode
    ? {
        mode,
        step: ostep !== undefined && /^\d+$/.test(ostep) ? Number(ostep) : null,
        metric: value("metric") || null,
        weakBy: value("weak") || null,
        layer: value("layer") || null,
      }
    : null;
  return {
    graph,
    state: { open, members, unstacked: new Set(), selection: sel ? sel : null },
    overlay,
    expand: expandLink(value("expand")),
  };
}

/** "all" or a depth from 1 to MAX_LINK_EXPAND_DEPTH; anything else is no expansion. */
function expandLink(value: string | undefined): ExpandLink | null {
  if (value === "all") return { depth: null };
  if (value === undefined || !/^[0-9]{1,2}$/.test(value)) return null;
  const depth = Number(value);
  return depth >= 1 && depth <= MAX_LINK_EXPAND_DEPTH ? { depth } : null;
}

/** A list: split on literal commas, then decoded; or decoded, then split, when it has none. */
function list(raw: string | undefined): string[] {
  if (!raw) return [];
  const parts = raw.includes(",") ? raw.split(",").map(dec) : dec(raw).split(",");
  return parts.filter((p) => p !== "");
}

/** "s%3Aa.b:a.c": stack id and member split on the literal colon. */
function literalPair(entry: string): [string, string] | null {
  const colon = entry.indexOf(":");
  return colon > 0 ? [dec(entry.slice(0, colon)), dec(entry.slice(colon + 1))] : null;
}

/** "s:a.b:a.c" decoded: a stack id is "s:" + path, and the member follows the next colon. */
function decodedPair(entry: string): [string, string] | null {
  const colon = entry.indexOf(":", entry.startsWith("s:") ? 2 : 0);
  return colon > 0 ? [entry.slice(0, colon), entry.slice(colon + 1)] : null;
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

/** Decodes %XX and, as URLSearchParams does, "+" as a space. */
function dec(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
