/**
 * The tab's toolbar: breadcrumbs on the left; zoom, fit, expand and export
 * tools on the right. It only turns clicks into calls of `TabToolbarActions`.
 */

import { createBreadcrumbs } from "./breadcrumbs";
import type { Crumb } from "./breadcrumbs";
import { h, toolButton as tool } from "./dom";
import { createExpandControls } from "./expand_controls";

export interface TabToolbarActions {
  zoomBy(factor: number): void;
  fit(): void;
  /** Open everything down to `depth` (null: all; 0: close everything). */
  expand(depth: number | null): void;
  exportSvg(): void;
  exportPng(): void;
  /** A crumb was chosen: "m:" for the whole graph. */
  crumb(id: string): void;
}

export interface TabToolbar {
  element: HTMLElement;
  breadcrumbs: { element: HTMLElement; show(crumbs: Crumb[]): void };
}

export function createTabToolbar(actions: TabToolbarActions): TabToolbar {
  const breadcrumbs = createBreadcrumbs((id) => actions.crumb(id));
  const expand = createExpandControls((depth) => actions.expand(depth));
  const element = h(
    "div",
    { class: "gf-toolbar" },
    breadcrumbs.element,
    h(
      "div",
      { class: "gf-tools" },
      tool("zoom-out", "−", "Zoom out (-)", () => actions.zoomBy(0.8)),
      tool("zoom-in", "+", "Zoom in (+)", () => actions.zoomBy(1.25)),
      tool("fit-button", "Fit", "Fit to screen (0)", () => actions.fit()),
      expand.element,
      tool("export-svg", "SVG", "Download the drawing as SVG", () => actions.exportSvg()),
      tool("export-png", "PNG", "Download the drawing as PNG", () => actions.exportPng()),
    ),
  );
  return { element, breadcrumbs };
}
