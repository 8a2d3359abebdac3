/**
 * What the tab says about variant stacks: members whose structure differs a
 * little from the representative's (`variants` of a stack, docs/http_api.md).
 * Picking a variant member draws its own view; these name how it differs. Pure.
 */

import { formatCompact, formatCount, plural } from "./format";
import type { StackItemJson, StackVariantJson } from "./types";

/** "×12", or "×4 · 1 variant" for a stack with variant members. */
export function stackBadge(stack: StackItemJson): string {
  const variants = stack.variants.length;
  return variants ? `×${stack.count} · ${plural(variants, "variant")}` : `×${stack.count}`;
}

/** The variant entry of `member`, or null when the member is an exact copy of the representative. */
export function variantOf(stack: StackItemJson, member: string): StackVariantJson | null {
  return stack.variants.find((v) => v.member === member) ?? null;
}

/** "+3 −1 nodes": how many nodes a variant adds and lacks. */
export function variantDelta(variant: StackVariantJson): string {
  return `+${formatCount(variant.adds_count)} −${formatCount(variant.lacks_count)} nodes`;
}

/** A member picker option: "h.3 · 8.5K params", with "· variant (+3 −1 nodes)" for a variant. */
export function memberOptionLabel(stack: StackItemJson, index: number, name: string): string {
  const member = stack.members[index] ?? "";
  const variant = variantOf(stack, member);
  const label = `${name} · ${formatCompact(stack.member_parameter_counts[index] ?? 0)} params`;
  return variant ? `${label} · variant (${variantDelta(variant)})` : label;
}

/** The lines the "what differs" panel shows for one variant: a title, then what it adds and lacks. */
export function variantLines(variant: StackVariantJson): { title: string; adds: string | null; lacks: string | null } {
  return {
    title: `${variant.member}: ${variantDelta(variant)} (${plural(variant.edits, "edit")})`,
    adds: variant.adds_count ? `Adds ${nameList(variant.adds, variant.adds_count)}` : null,
    lacks: variant.lacks_count ? `Lacks ${nameList(variant.lacks, variant.lacks_count)}` : null,
  };
}

/** "a, b, c" or, when the server capped the names, "a, b, c and 47 more". */
export function nameList(names: readonly string[], total: number): string {
  const more = total - names.length;
  return more > 0 ? `${names.join(", ")} and ${formatCount(more)} more` : names.join(", ");
}
