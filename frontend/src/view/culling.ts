/**
 * What a frame draws: the items, edges and stubs that meet the viewport, and
 * how much detail the zoom level affords. Pure, so the decisions are tested
 * without a canvas.
 */

import type { Scene, SceneEdge, SceneItem, ScenePort } from "../scene";
import { SUBTITLE_SIZE, TITLE_SIZE } from "../geometry";
import type { Camera } from "./camera";
import { intersects, visibleWorld } from "./camera";

/** Detail for one zoom level. */
export interface LevelOfDetail {
  /** Titles are legible (at least 5 px tall on screen). */
  titles: boolean;
  /** Subtitles and size lines are legible. */
  subtitles: boolean;
  /** Rounded corners, borders and stack piles; below this, items are plain rectangles. */
  shapes: boolean;
  arrows: boolean;
  stubs: boolean;
}

export function levelOfDetail(scale: number): LevelOfDetail {
  return {
    titles: TITLE_SIZE * scale >= 5,
    subtitles: SUBTITLE_SIZE * scale >= 6,
    shapes: scale >= 0.2,
    arrows: scale >= 0.15,
    stubs: scale >= 0.3,
  };
}

/** An item is drawn as a plain rectangle when it covers less than this many screen pixels across. */
export const TINY_ITEM_PX = 6;

export function isTiny(item: SceneItem, scale: number): boolean {
  return item.width * scale < TINY_ITEM_PX || item.height * scale < TINY_ITEM_PX / 2;
}

export interface VisibleSet {
  items: SceneItem[];
  edges: SceneEdge[];
  ports: ScenePort[];
}

/** Items, edges and stubs meeting the viewport (with a small margin for strokes and arrow heads). */
export function visibleSet(scene: Scene, camera: Camera, width: number, height: number): VisibleSet {
  const world = visibleWorld(camera, width, height);
  const margin = 12 / camera.scale;
  const view = { x: world.x - margin, y: world.y - margin, width: world.width + 2 * margin, height: world.height + 2 * margin };
  const lod = levelOfDetail(camera.scale);
  return {
    items: scene.items.filter((item) => intersects(item, view)),
    edges: scene.edges.filter((edge) => intersects(edge.bounds, view)),
    ports: lod.stubs ? scene.ports.filter((port) => intersects(port.hit, view)) : [],
  };
}
