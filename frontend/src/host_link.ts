/**
 * The deep link in TensorBoard's own address bar, so that a user can copy it:
 * `/#graphfold&p.graphfold.run=…&p.graphfold.tag=…`. `p.<plugin>.<key>` hash
 * parameters are TensorBoard's convention for plugin URL data (its plugin
 * messaging hands them out as `experimental.GetURLPluginData`). The plugin
 * frame is served by TensorBoard itself, so it reads and writes the parent's
 * URL directly; where it cannot (no parent, another origin) it keeps to its
 * own fragment.
 */

const PREFIX = "p.graphfold.";
const TAB = "graphfold";

/** Our own fragment (`#run=…&tag=…`) from a TensorBoard hash, or "" if it holds none. */
export function fragmentFromHostHash(hostHash: string): string {
  const ours = hostHash
    .replace(/^#/, "")
    .split("&")
    .filter((part) => part.startsWith(PREFIX))
    .map((part) => part.slice(PREFIX.length));
  return ours.length ? `#${ours.join("&")}` : "";
}

/** TensorBoard's hash with our fragment in it: its own parts kept, the tab first, ours replaced. */
export function hostHashWith(hostHash: string, fragment: string): string {
  const kept = hostHash
    .replace(/^#/, "")
    .split("&")
    .filter((part) => part && !part.startsWith(PREFIX));
  if (!kept.length || kept[0]!.includes("=")) kept.unshift(TAB);
  const ours = fragment
    .replace(/^#/, "")
    .split("&")
    .filter(Boolean)
    .map((part) => PREFIX + part);
  return `#${[...kept, ...ours].join("&")}`;
}

function hostWindow(): Window | null {
  try {
    return window.parent !== window && window.parent.location.href ? window.parent : null;
  } catch {
    return null; // another origin: the frame's own fragment is all there is
  }
}

/** The deep link TensorBoard's address bar holds for this tab, as our own fragment. */
export function readHostFragment(): string {
  const host = hostWindow();
  return host ? fragmentFromHostHash(host.location.hash) : "";
}

/** Put `fragment` into TensorBoard's address bar without reloading or adding history entries. */
export function writeHostFragment(fragment: string): void {
  const host = hostWindow();
  if (!host) return;
  const url = new URL(host.location.href);
  url.hash = hostHashWith(host.location.hash, fragment);
  if (url.href !== host.location.href) host.history.replaceState(host.history.state, "", url.href);
}
