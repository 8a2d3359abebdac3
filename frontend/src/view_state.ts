/**
 * What the user has opened, picked and selected in one graph: the state that
 * deep links carry and the drawing is rebuilt from. Pure functions; a state is
 * never changed in place.
 *
 * A module is open when its path is in `open`; a stack when its
 * representative's path is (a stack's id is `s:` + that path). An open stack
 * shows its picked member (the representative unless `members` says
 * otherwise), or all members side by side when it is in `unstacked`.
 */

import type { RevealStepJson } from "./types";

export interface ViewState {
  open: ReadonlySet<string>;
  /** Stack id -> the member path it shows. */
  members: ReadonlyMap<string, string>;
  /** Stack ids drawn as a row of their members. */
  unstacked: ReadonlySet<string>;
  /** The selected item id, or null. */
  selection: string | null;
}

export const EMPTY_STATE: ViewState = { open: new Set(), members: new Map(), unstacked: new Set(), selection: null };

/** The path an item id opens: "m:a.b" and "s:a.b" -> "a.b"; null for operators and ports. */
export function openPathOf(itemId: string): string | null {
  return itemId.startsWith("m:") || itemId.startsWith("s:") ? itemId.slice(2) : null;
}

export function isOpen(state: ViewState, itemId: string): boolean {
  const path = openPathOf(itemId);
  return path !== null && state.open.has(path);
}

/** `state` with item `itemId` opened; a stack also gets `member` picked when given. */
export function opened(state: ViewState, itemId: string, member?: string): ViewState {
  const path = openPathOf(itemId);
  if (path === null) return state;
  const open = new Set(state.open).add(path);
  let { members, unstacked } = state;
  if (itemId.startsWith("s:") && member !== undefined) {
    const picked = new Map(members);
    if (member === path) picked.delete(itemId);
    else picked.set(itemId, member);
    members = picked;
    unstacked = without(unstacked, itemId);
  }
  return { ...state, open, members, unstacked };
}

/**
 * `state` with item `itemId` closed, and everything opened inside it
 * forgotten (for a stack: inside any of its `members`).
 */
export function closed(state: ViewState, itemId: string, members: readonly string[] = []): ViewState {
  const path = openPathOf(itemId);
  if (path === null) return state;
  const roots = [path, ...members];
  const inside = (p: string) => roots.some((root) => p === root || isDescendant(p, root));
  const open = new Set([...state.open].filter((p) => !inside(p)));
  const pickedMembers = new Map([...state.members].filter(([stack]) => stack !== itemId && !inside(stack.slice(2))));
  const unstacked = new Set([...state.unstacked].filter((stack) => stack !== itemId && !inside(stack.slice(2))));
  return { ...state, open, members: pickedMembers, unstacked };
}

export function toggled(state: ViewState, itemId: string, members: readonly string[] = []): ViewState {
  return isOpen(state, itemId) ? closed(state, itemId, members) : opened(state, itemId);
}

export function withMember(state: ViewState, stackId: string, member: string): ViewState {
  return opened(state, stackId, member);
}

/**
 * `state` showing `member` in stack `stackId`, a selected module of the
 * member shown before moving to its twin in the new one.
 */
export function withMemberFollowed(state: ViewState, stackId: string, member: string): ViewState {
  const old = memberOf(state, stackId);
  const next = withMember(state, stackId, member);
  const selection = state.selection;
  if (!selection?.startsWith("m:")) return next;
  const path = selection.slice(2);
  if (path !== old && !isDescendant(path, old)) return next;
  return withSelection(next, `m:${member}${path.slice(old.length)}`);
}

export function withUnstacked(state: ViewState, stackId: string, on: boolean): ViewState {
  const base = on ? opened(state, stackId) : state;
  const unstacked = on ? new Set(base.unstacked).add(stackId) : without(base.unstacked, stackId);
  return { ...base, unstacked };
}

export function withSelection(state: ViewState, selection: string | null): ViewState {
  return selection === state.selection ? state : { ...state, selection };
}

/**
 * `state` with exactly items `open` opened (ids, as `GET expand` lists them),
 * every stack on its representative and none unstacked; the selection kept.
 * `withOnlyOpen(state, [])` closes everything.
 */
export function withOnlyOpen(state: ViewState, open: readonly string[]): ViewState {
  const paths = open.map(openPathOf).filter((path): path is string => path !== null);
  return { ...state, open: new Set(paths), members: new Map(), unstacked: new Set() };
}

/** The member an open stack shows. */
export function memberOf(state: ViewState, stackId: string): string {
  return state.members.get(stackId) ?? stackId.slice(2);
}

/**
 * `state` with everything along a reveal path (GET search / locate) opened,
 * members picked, and the last step's item selected. A node drawn nowhere
 * (unused, or plumbing) has no last item: its module is opened and nothing
 * is selected.
 */
export function revealed(state: ViewState, steps: readonly RevealStepJson[]): ViewState {
  let next = state;
  steps.slice(0, -1).forEach((step) => {
    if (step.item === null) throw new Error(`reveal step in view '${step.view}' has no item, yet it is not the last step`);
    next = step.item.startsWith("s:") ? opened(next, step.item, step.member ?? step.item.slice(2)) : opened(next, step.item);
  });
  const last = steps[steps.length - 1];
  return last ? withSelection(next, last.item) : next;
}

/**
 * The item to bring into view after a reveal: the last step's item, else
 * (a node drawn nowhere) the opened item showing its module; null for the root.
 */
export function revealFocus(steps: readonly RevealStepJson[]): string | null {
  const last = steps[steps.length - 1];
  if (!last) return null;
  return last.item ?? steps[steps.length - 2]?.item ?? null;
}

/** "a.b.c" is inside "a.b"; module paths of GraphDefs may use "/" too. */
export function isDescendant(path: string, ancestor: string): boolean {
  if (ancestor === "") return path !== "";
  return path.length > ancestor.length && path.startsWith(ancestor) && /[./]/.test(path[ancestor.length]!);
}

function without<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  if (!set.has(value)) return set;
  const copy = new Set(set);
  copy.delete(value);
  return copy;
}
