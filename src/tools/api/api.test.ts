/**
 * The api tools' text result: compact JSON (one document the model can parse), shortened as valid JSON
 * when it is too long, and the consent plan api_request shows for endpoints the catalogue marks destructive.
 */
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterEach, describe, expect, it } from "vitest";
import { type Rig, rig, text } from "../../../test/harness.js";
import type { ToolContext } from "../define.js";
import { jsonText } from "../format/fit.js";
import { OUTPUT_BUDGET_CHARS } from "../wrap.js";
import { call, checked, TEXT_BUDGET_CHARS } from "./shared.js";

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const CS = "/synchronisation/connected-systems";

describe("api_get text", () => {
  it("is one compact JSON document equal to the structured data, with the paging footer", async () => {
    r = await rig();
    const res = await r.call("api_get", { path: `${CS}/2/connector-space`, query: "pageSize=25" });
    expect(res.isError, text(res)).toBeFalsy();
    const lines = text(res).split("\n");
    expect(lines[0]).toBe(`GET ${CS}/2/connector-space → 200 (GetConnectedSystemObjects)`);
    expect(lines).toHaveLength(3);
    const data = (res.structuredContent as { data: { items: unknown[]; totalCount: number } }).data;
    expect(JSON.parse(lines[1]!)).toEqual(data);
    expect(lines[1]).toBe(JSON.stringify(data));
    expect(data.items).toHaveLength(25);
    expect(lines[2]).toMatch(/^showing 1–25 of [\d,]+ — next: page=2$/);
    // The indented form this replaced cost about a quarter more tokens for the same page.
    const indented = encode(JSON.stringify(data, null, 1)).length;
    expect(encode(text(res)).length).toBeLessThan(indented * 0.85);
  });

  it("says so when JIM answers with no content", async () => {
    r = await rig({ config: { destructive: "allow" } });
    const res = await r.call("api_request", {
      method: "DELETE",
      path: "/certificates/3e8a2b5c-4d6f-4caf-9b3d-9f5e7a4c6d82",
    });
    expect(res.isError, text(res)).toBeFalsy();
    expect(text(res)).toMatch(/→ 204 \(DeleteCertificate\)\n\(no content\)$/);
  });
});

describe("a result too long for the text", () => {
  it("shows the entries that fit as valid JSON, a footer for those, and what was left out", async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, displayName: "x".repeat(400) }));
    const data = { items, page: 1, pageSize: 100, totalCount: 250, hasNextPage: true };
    const ctx = {
      jim: () => ({ request: async () => ({ status: 200, data }) }),
      signal: new AbortController().signal,
      config: {},
    } as unknown as ToolContext;
    const req = checked("GET", `${CS}/2/connector-space`, "pageSize=100", undefined);
    const out = await call(ctx, "GET", req);
    const [head, json, footer, note, ...rest] = out.text.split("\n");
    expect(rest).toEqual([]);
    expect(head).toBe(`GET ${CS}/2/connector-space → 200 (GetConnectedSystemObjects)`);
    expect(json!.length).toBeLessThanOrEqual(TEXT_BUDGET_CHARS);
    const shown = (JSON.parse(json!) as typeof data).items.length;
    expect(shown).toBeGreaterThan(40);
    expect(shown).toBeLessThan(100);
    // Page 2 at the new size starts right after the last entry shown: nothing is skipped.
    expect(footer).toBe(`showing 1–${shown} of 250 — next: page=2 with pageSize=${shown}`);
    expect(note).toMatch(new RegExp(`left out ${100 - shown} of 100 entries of items`));
    // The structured result shows the same entries, so the two together fit wrap.ts's budget.
    expect((out.structured.data as typeof data).items).toHaveLength(shown);
  });
});

describe("jsonText", () => {
  const page = (n: number) => ({
    items: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `object ${i + 1}`, tags: ["a", "b"] })),
    page: 1,
    pageSize: n,
    totalCount: 5000,
    hasNextPage: true,
  });

  it("keeps data that fits as it is", () => {
    const data = page(10);
    const out = jsonText(data, 10_000);
    expect(out).toEqual({ json: JSON.stringify(data), shown: data });
  });

  it("leaves entries off the end of the largest array until the text fits, and stays valid JSON", () => {
    const data = page(100);
    const full = JSON.stringify(data).length;
    const budget = Math.floor(full / 3);
    const out = jsonText(data, budget);
    expect(out.json.length).toBeLessThanOrEqual(budget);
    const parsed = JSON.parse(out.json) as ReturnType<typeof page>;
    expect(parsed.items.length).toBeGreaterThan(20);
    expect(parsed.items.length).toBeLessThan(40);
    expect(parsed.items).toEqual(data.items.slice(0, parsed.items.length));
    expect(parsed.totalCount).toBe(5000);
    expect(out.note).toBe(
      `Output budget (~25k tokens) reached: left out ${100 - parsed.items.length} of 100 entries of items. Ask for a smaller page (pageSize) or a narrower filter to see them.`,
    );
    // The input is not changed.
    expect(data.items).toHaveLength(100);
  });

  it("shortens a nested array when one entry alone is too long", () => {
    const data = [{ id: 1, members: Array.from({ length: 500 }, (_, i) => `member-${i}`) }];
    const out = jsonText(data, 2000);
    expect(out.json.length).toBeLessThanOrEqual(2000);
    const parsed = JSON.parse(out.json) as typeof data;
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.members.length).toBeGreaterThan(50);
    expect(out.note).toMatch(/of 500 entries of \[0\]\.members/);
  });

  it("leaves room for the structured copy within wrap.ts's budget, so the JSON is never cut at a line break", () => {
    expect(2 * TEXT_BUDGET_CHARS).toBeLessThanOrEqual(OUTPUT_BUDGET_CHARS - 1000);
  });
});
