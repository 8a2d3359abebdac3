import { describe, expect, it } from "vitest";
import { expandTree } from "../../src/expansion";
import { layoutTree } from "../../src/layout_tree";
import { createLayoutClient } from "../../src/layout_client";
import { composeScene } from "../../src/scene";
import { exportName, sceneToSvg, svgMarkup } from "../../src/view/export";
import { LIGHT_RAMP, sequentialScale } from "../../src/overlay/color_scale";
import { LIGHT } from "../../src/view/theme";
import { EMPTY_STATE } from "../../src/view_state";
import { EVIL } from "../fixtures";
import { EVIL_VIEW, KEY, fixtureApi, inProcessWorker } from "../view_fixtures";

async function evilScene() {
  const api = fixtureApi({ "": { ...EVIL_VIEW, children: EVIL_VIEW.children.map((c) => ({ ...c })) } });
  const client = createLayoutClient(inProcessWorker(), () => {});
  const tree = await expandTree(EMPTY_STATE, (path) => api.view(KEY, path));
  return composeScene(await layoutTree(tree, client.layout));
}

describe("sceneToSvg", () => {
  it("escapes names from the log and creates no element from them", async () => {
    const named = `a & "b"`;
    const scene = await evilScene();
    scene.items[0]!.lines = { ...scene.items[0]!.lines, subtitle: named };
    const svg = sceneToSvg(scene, LIGHT);
    expect(svg.querySelector("img")).toBeNull();
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain(EVIL);
    const markup = svgMarkup(svg);
    expect(markup).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(markup).toContain("&amp;");
    expect(markup).not.toContain("<img");
    // The document parses back with the names as text, not elements.
    const parsed = new window.DOMParser().parseFromString(markup, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).toBeNull();
    expect(parsed.getElementsByTagName("img")).toHaveLength(0);
    expect([...parsed.getElementsByTagName("text")].some((t) => t.textContent === EVIL)).toBe(true);
  });

  it("draws back edges dashed with their own arrow", async () => {
    const scene = await evilScene();
    scene.edges[0]!.reversed = true;
    const path = sceneToSvg(scene, LIGHT).querySelector("g path")!;
    expect(path.getAttribute("stroke-dasharray")).toBe("6 4");
    expect(path.getAttribute("marker-end")).toBe("url(#gf-arrow-back)");
  });
});

describe("sceneToSvg with an overlay", () => {
  it("fills items with the overlay's colours and draws its legend under the drawing", async () => {
    const scene = await evilScene();
    const closed = scene.items.filter((i) => !i.open && (i.type === "op" || i.type === "module"));
    const target = closed[0]!;
    const scale = sequentialScale(0, 1, "high", LIGHT_RAMP);
    const overlay = {
      paint: { fills: new Map([[target.id, "#123456"]]), neutralFill: "#eeeeee", stroke: "#333333" },
      legend: { title: `Share of weak filters ${EVIL}`, scale, ramp: LIGHT_RAMP, format: (v: number) => `${Math.round(v * 100)}%`, notes: ["A filter is weak when APoZ (%) ≥ 90."], neutral: "#eeeeee" },
    };
    const plain = sceneToSvg(scene, LIGHT);
    const svg = sceneToSvg(scene, LIGHT, document, overlay);
    const fills = [...svg.querySelectorAll("rect")].map((r) => r.getAttribute("fill"));
    expect(fills).toContain("#123456");
    if (closed.length > 1) expect(fills).toContain("#eeeeee");
    const legend = svg.querySelector('[data-export="overlay-legend"]')!;
    const texts = [...legend.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toEqual([`Share of weak filters ${EVIL}`, "0%", "100% (weak)", "A filter is weak when APoZ (%) ≥ 90.", "no statistics"]);
    expect(legend.getElementsByTagName("stop").length).toBeGreaterThan(1);
    expect(Number(svg.getAttribute("height"))).toBeGreaterThan(Number(plain.getAttribute("height")));
    expect(plain.querySelector('[data-export="overlay-legend"]')).toBeNull();
    expect(svgMarkup(svg)).not.toContain("<img");
  });
});

describe("exportName", () => {
  it("keeps file names tame", () => {
    expect(exportName([EVIL, "step0"], "svg")).toBe("img_src_x_onerror_alert_1-step0.svg");
    expect(exportName(["", ""], "png")).toBe("graph.png");
  });
});
