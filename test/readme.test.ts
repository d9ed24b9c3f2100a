import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replaceToolsBlock } from "../src/docs.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("lists the toolsets and tools exactly as the registry has them (npm run docs)", () => {
    expect(replaceToolsBlock(readme)).toBe(readme);
  });

  it("shows the two commands and says plainly that demo mode is a simulator", () => {
    expect(readme).toMatch(/npm ci && npm run demo/);
    expect(readme).toMatch(/npm test/);
    expect(readme).toMatch(/simulator/i);
  });
});
