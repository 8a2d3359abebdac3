/**
 * The toolbar's SVG and PNG downloads of the drawing, named after the graph
 * and step. Drawing them is export.ts's; this only names, wraps and reports.
 */

import type { GraphKey } from "../api";
import type { Scene } from "../scene";
import { download, exportName, sceneToCanvas, sceneToSvg, svgMarkup } from "./export";
import type { ExportOverlay } from "./export";
import type { Palette } from "./theme";

export interface ExportSource {
  scene: Scene | null;
  palette: Palette | null;
  key: GraphKey | null;
  graphName: string;
  /** The overlay that is on (its colours and legend go into the export), or null. */
  overlay?: ExportOverlay | null;
}

/** The start of a download's file name: the graph's name (else its tag) and step. */
export function exportBase(source: ExportSource): string[] {
  const key = source.key;
  return key ? [source.graphName || key.tag, `step${key.step}`] : ["graph"];
}

export function exportSvg(source: ExportSource): void {
  if (!source.scene || !source.palette) return;
  const markup = svgMarkup(sceneToSvg(source.scene, source.palette, document, source.overlay ?? null));
  download(new Blob([markup], { type: "image/svg+xml" }), exportName(exportBase(source), "svg"));
}

/** `reportError` hears why a PNG could not be made (a drawing too large for one image). */
export function exportPng(source: ExportSource, reportError: (message: string) => void): void {
  if (!source.scene || !source.palette) return;
  try {
    sceneToCanvas(source.scene, source.palette, source.overlay ?? null).toBlob((blob) => {
      if (blob) download(blob, exportName(exportBase(source), "png"));
      else reportError("The PNG export failed: the drawing is too large for one image; export SVG instead.");
    }, "image/png");
  } catch (error) {
    reportError(error instanceof Error ? error.message : String(error));
  }
}
