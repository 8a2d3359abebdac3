/**
 * Light and dark palettes for the canvas, and which one applies: TensorBoard's
 * own dark mode when the page runs in its iframe (TensorBoard puts
 * `dark-mode` on its body), else the browser's colour scheme.
 */

export interface Palette {
  dark: boolean;
  background: string;
  grid: string;
  text: string;
  muted: string;
  opFill: string;
  opStroke: string;
  ioFill: string;
  ioStroke: string;
  moduleFill: string;
  moduleStroke: string;
  stackFill: string;
  stackStroke: string;
  boundaryFill: string;
  boundaryStroke: string;
  /** Fills of opened items, by nesting depth (cycled). */
  frameFills: string[];
  frameHeader: string;
  frameStroke: string;
  edge: string;
  backEdge: string;
  /** Gradient edges and backward groups of a training-step graph. */
  gradient: string;
  backwardFill: string;
  highlight: string;
  selection: string;
  stub: string;
  badgeFill: string;
  badgeText: string;
}

export const LIGHT: Palette = {
  dark: false,
  background: "#ffffff",
  grid: "#f1f3f4",
  text: "#202124",
  muted: "#5f6368",
  opFill: "#ffffff",
  opStroke: "#b6bbc2",
  ioFill: "#e6f4ea",
  ioStroke: "#81c995",
  moduleFill: "#e8f0fe",
  moduleStroke: "#8fb0e8",
  stackFill: "#fef3d6",
  stackStroke: "#d7a93a",
  boundaryFill: "#f1f3f4",
  boundaryStroke: "#b6bbc2",
  frameFills: ["rgba(232, 240, 254, 0.45)", "rgba(230, 244, 234, 0.45)", "rgba(252, 232, 230, 0.35)", "rgba(243, 232, 253, 0.45)"],
  frameHeader: "rgba(26, 115, 232, 0.10)",
  frameStroke: "#8fb0e8",
  edge: "#8c9197",
  backEdge: "#d93025",
  gradient: "#a142f4",
  backwardFill: "#f3e8fd",
  highlight: "#e8710a",
  selection: "#1a73e8",
  stub: "#e8710a",
  badgeFill: "#b06000",
  badgeText: "#ffffff",
};

export const DARK: Palette = {
  dark: true,
  background: "#202124",
  grid: "#2a2b2e",
  text: "#e8eaed",
  muted: "#9aa0a6",
  opFill: "#2d2e31",
  opStroke: "#5f6368",
  ioFill: "#1e3a2a",
  ioStroke: "#5bb974",
  moduleFill: "#1f2d45",
  moduleStroke: "#5d83c4",
  stackFill: "#3b311b",
  stackStroke: "#c69026",
  boundaryFill: "#303134",
  boundaryStroke: "#5f6368",
  frameFills: ["rgba(138, 180, 248, 0.07)", "rgba(129, 201, 149, 0.07)", "rgba(242, 139, 130, 0.07)", "rgba(197, 138, 249, 0.07)"],
  frameHeader: "rgba(138, 180, 248, 0.16)",
  frameStroke: "#5d83c4",
  edge: "#80868b",
  backEdge: "#f28b82",
  gradient: "#c58af9",
  backwardFill: "#35264a",
  highlight: "#fcad70",
  selection: "#8ab4f8",
  stub: "#fcad70",
  badgeFill: "#fcad70",
  badgeText: "#202124",
};

/** TensorBoard's dark mode, when the page is in its iframe and can see the parent; null otherwise. */
export function tensorBoardDarkMode(win: Window = window): boolean | null {
  try {
    if (win.parent === win) return null;
    return win.parent.document.body.classList.contains("dark-mode");
  } catch {
    // A cross-origin parent: not TensorBoard's iframe, so the browser's scheme decides.
    return null;
  }
}

export function prefersDark(win: Window = window): boolean {
  return typeof win.matchMedia === "function" && win.matchMedia("(prefers-color-scheme: dark)").matches;
}

/**
 * Calls `apply` with the palette now and whenever TensorBoard's dark mode or
 * the browser's scheme changes. Returns a function that stops watching.
 */
export function watchTheme(apply: (palette: Palette) => void, win: Window = window): () => void {
  const update = () => apply(tensorBoardDarkMode(win) ?? prefersDark(win) ? DARK : LIGHT);
  update();
  const stops: (() => void)[] = [];
  if (typeof win.matchMedia === "function") {
    const query = win.matchMedia("(prefers-color-scheme: dark)");
    query.addEventListener?.("change", update);
    stops.push(() => query.removeEventListener?.("change", update));
  }
  try {
    if (win.parent !== win && typeof MutationObserver !== "undefined") {
      const observer = new MutationObserver(update);
      observer.observe(win.parent.document.body, { attributes: true, attributeFilter: ["class"] });
      stops.push(() => observer.disconnect());
    }
  } catch {
    // Cross-origin parent: nothing to observe.
  }
  return () => stops.forEach((stop) => stop());
}
