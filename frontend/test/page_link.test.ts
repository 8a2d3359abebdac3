import { describe, expect, it } from "vitest";

import { isStandalonePage, pageUrl, tensorBoardUrl } from "../src/page_link";

describe("pageUrl", () => {
  it("is index.html beside the module, with the deep link as its fragment", () => {
    expect(pageUrl("http://h:6006/data/plugin/graphfold/", "#run=a&tag=b")).toBe(
      "http://h:6006/data/plugin/graphfold/index.html#run=a&tag=b",
    );
  });

  it("keeps TensorBoard's path prefix and takes a fragment without its #", () => {
    expect(pageUrl("http://h/tb/data/plugin/graphfold/", "run=a")).toBe("http://h/tb/data/plugin/graphfold/index.html#run=a");
  });

  it("has no fragment when nothing is shown yet", () => {
    expect(pageUrl("http://h:6006/data/plugin/graphfold/", "")).toBe("http://h:6006/data/plugin/graphfold/index.html");
  });
});

describe("tensorBoardUrl", () => {
  it("is TensorBoard's root with the tab and our parameters in its hash", () => {
    expect(tensorBoardUrl("http://h:6006/data/plugin/graphfold/index.html#run=x", "#run=a&tag=b%20c")).toBe(
      "http://h:6006/#graphfold&p.graphfold.run=a&p.graphfold.tag=b%20c",
    );
  });

  it("keeps a path prefix and drops the page's query", () => {
    expect(tensorBoardUrl("http://h/pre/fix/data/plugin/graphfold/index.html?x=1", "#run=a")).toBe(
      "http://h/pre/fix/#graphfold&p.graphfold.run=a",
    );
  });

  it("opens just the tab when nothing is shown", () => {
    expect(tensorBoardUrl("http://h/data/plugin/graphfold/index.html", "")).toBe("http://h/#graphfold");
  });

  it("is null for an address TensorBoard did not serve", () => {
    expect(tensorBoardUrl("http://h/somewhere/else.html", "#run=a")).toBeNull();
  });
});

describe("isStandalonePage", () => {
  it("reads the page's meta tag", () => {
    const doc = document.implementation.createHTMLDocument("t");
    expect(isStandalonePage(doc)).toBe(false);
    const meta = doc.createElement("meta");
    meta.name = "graphfold-page";
    meta.content = "standalone";
    doc.head.append(meta);
    expect(isStandalonePage(doc)).toBe(true);
  });
});
