/**
 * The page's URL fragment: which graph, and how it is opened (docs/ui_contract.md):
 * `#run=…&tag=…&step=…&source=…&open=<path>,<path>…&sel=<item id>&member=<stack id>:<member path>,…`.
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
}

const SOURCES: readonly GraphSource[] = ["graphfold", "graphdef"];

export function encodeDeepLink(key: GraphKey, state: ViewState): string {
  const parts = [`run=${enc(key.run)}`, `tag=${enc(key.tag)}`, `step=${key.step}`, `source=${enc(key.source)}`];
  if (state.open.size) parts.push(`open=${[...state.open].sort().map(enc).join(",")}`);
  if (state.selection !== null) parts.push(`sel=${enc(state.selection)}`);
  if (state.members.size) {
    parts.push(`member=${[...state.members].sort().map(([stack, member]) => `${enc(stack)}:${enc(member)}`).join(",")}`);
  }
  return `#${parts.join("&")}`;
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
  return { graph, state: { open, members, unstacked: new Set(), selection: sel ? sel : null } };
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
