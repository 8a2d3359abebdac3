import { describe, expect, it } from "vitest";

import { fragmentFromHostHash, hostHashWith } from "../src/host_link";

describe("TensorBoard's address bar", () => {
  it("round-trips our fragment through TensorBoard's hash", () => {
    const ours = "#run=demo&tag=%3Cimg%20src%3Dx%3E&step=0&source=graphfold&open=encoder,encoder.layer";
    const host = hostHashWith("#graphfold", ours);
    expect(host).toBe(
      "#graphfold&p.graphfold.run=demo&p.graphfold.tag=%3Cimg%20src%3Dx%3E&p.graphfold.step=0" +
        "&p.graphfold.source=graphfold&p.graphfold.open=encoder,encoder.layer",
    );
    expect(fragmentFromHostHash(host)).toBe(ours);
  });

  it("keeps TensorBoard's own parts and replaces ours", () => {
    const host = hostHashWith("#graphfold&smoothing=0.6&p.graphfold.run=old", "#run=new");
    expect(host).toBe("#graphfold&smoothing=0.6&p.graphfold.run=new");
  });

  it("puts the tab first when TensorBoard's hash names none", () => {
    expect(hostHashWith("", "#run=a")).toBe("#graphfold&p.graphfold.run=a");
  });

  it("reads nothing from a hash without our parts", () => {
    expect(fragmentFromHostHash("#graphs&run=x")).toBe("");
  });
});
