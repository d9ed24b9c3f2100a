/**
 * What every successful tool result passes through: table cells and the wrapper's finalise
 * (key redaction and the ~25k-token budget), checked against their plain definitions.
 */
import fc from "fast-check";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { fitJson } from "../src/tools/format/fit.js";
import { cell, fmtNumber, MAX_PAGE, pageAfterCut, pageFooter, table } from "../src/tools/format/text.js";
import { finalise, OUTPUT_BUDGET_CHARS } from "../src/tools/wrap.js";

/** A cell as defined: runs of whitespace become one space, pipes are escaped. */
const plainCell = (s: string) => s.replace(/\s+/g, " ").replace(/\|/g, "\\|");

describe("table cells", () => {
  it("skip rewriting only when rewriting would change nothing", () => {
    const alphabet = [
      " ",
      "a",
      "|",
      "\t",
      "\n",
      "\r",
      "\u00a0",
      "\u2003",
      "\u3000",
      "\ufeff",
      "\u2028",
      "\u200b",
      "é",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
        const s = chars.join("");
        expect(cell(s)).toBe(s === "" ? "–" : plainCell(s));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe("numbers", () => {
  it('read as toLocaleString("en-GB") writes them, with a short cut for small counts', () => {
    const edges = [0, -0, 1, 999, 999.5, 1000, -1, -999, 1e21, 2 ** 53, 0.000_1, -1234.5678];
    for (const n of edges) expect(fmtNumber(n)).toBe(n.toLocaleString("en-GB"));
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (n) => {
          expect(fmtNumber(n)).toBe(n.toLocaleString("en-GB"));
        },
      ),
      { numRuns: 3000, seed: 11 },
    );
    for (const none of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY])
      expect(fmtNumber(none)).toBe("–");
  });
});

describe("page footers", () => {
  it("say where the list ends, and a page past the end says which page is last", () => {
    expect(pageFooter({ page: 2, pageSize: 25, totalCount: 60, hasNextPage: true, shown: 25 })).toBe(
      "showing 26–50 of 60 — next: page=3",
    );
    expect(pageFooter({ page: 3, pageSize: 25, totalCount: 60, hasNextPage: false, shown: 10 })).toBe(
      "showing 51–60 of 60 (last page)",
    );
    expect(pageFooter({ page: 999, pageSize: 25, totalCount: 60, hasNextPage: false, shown: 0 })).toBe(
      "page 999 is past the end: 60 in all, the last page is page=3",
    );
    expect(pageFooter({ page: 1, pageSize: 25, totalCount: 0, hasNextPage: false, shown: 0 })).toBe(
      "none found",
    );
  });
});

describe("finalise", () => {
  it("passes a clean result through as it is", () => {
    const structured = { items: [{ name: "HR System" }], totalCount: 1 };
    const r = finalise(structured, "| name |\n| HR System |");
    expect(r.structuredContent).toBe(structured);
    expect(r.content).toEqual([{ type: "text", text: "| name |\n| HR System |" }]);
    expect(r._meta).toBeUndefined();
  });

  it("redacts an API key in the structured result and the text", () => {
    const key = "jim_ak_test_finalise_0123456789";
    const r = finalise({ note: `key ${key}`, nested: [{ k: key }] }, `text ${key}`);
    const all = JSON.stringify(r);
    expect(all).not.toContain(key);
    expect(all).toContain("jim_ak_test");
  });

  it("trims the longest list to the budget and says what it left out", () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `object ${i}`.padEnd(40, ".") }));
    const r = finalise({ items, totalCount: items.length }, "many");
    expect(JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(OUTPUT_BUDGET_CHARS);
    const kept = (r.structuredContent as { items: unknown[] }).items.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(5000);
    expect(r._meta?.["jim-mcp/truncated"]).toEqual([
      expect.stringMatching(/left out \d+ of 5000 entries of items/),
    ]);
    expect((r.content[0] as { text: string }).text).toMatch(/Output budget/);
  });

  it("cuts a page shown as a table to the same first entries in both parts, with a gap-free way on", () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: `b0000000-0000-4000-8000-${String(100 + i).padStart(12, "0")}`,
      displayName: `Person ${100 + i}`,
      note: "x".repeat(600),
    }));
    const paging = { page: 2, pageSize: 100, totalCount: 450, hasNextPage: true };
    const text = [
      table(items, [
        ["name", (x) => x.displayName],
        ["id", (x) => x.id],
        ["note", (x) => x.note],
      ]),
      pageFooter({ ...paging, shown: items.length }),
    ].join("\n");
    const r = finalise({ ...paging, items }, text);
    const shown = (r.content[0] as { text: string }).text;
    const kept = (r.structuredContent as { items: typeof items }).items;
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(100);
    expect(kept).toEqual(items.slice(0, kept.length));
    const rows = shown.split("\n").filter((l) => l.startsWith("| Person"));
    expect(rows).toHaveLength(kept.length);
    const k = kept.length;
    const m = new RegExp(`showing 101–${100 + k} of 450 — next: page=(\\d+) with pageSize=${k}`).exec(shown);
    expect(m, shown.slice(-400)).toBeTruthy();
    const next = Number(m![1]);
    // The next page starts at or before the first entry not shown, and after the first one shown.
    expect((next - 1) * k).toBeLessThanOrEqual(100 + k);
    expect((next - 1) * k).toBeGreaterThan(100);
    expect(shown).not.toMatch(/next: page=3\b/);
    expect(shown).toMatch(new RegExp(`Go on with page=${next} and pageSize=${k}`));
    expect(JSON.stringify(r.structuredContent).length + shown.length).toBeLessThanOrEqual(
      OUTPUT_BUDGET_CHARS + 400,
    );
  });

  it("shortens long values when there is no list to cut, and never wipes the text", () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, "v".repeat(3000)]));
    const r = finalise({ data: wide }, `GET /x → 200\n${JSON.stringify(wide)}`);
    const shown = (r.content[0] as { text: string }).text;
    expect(JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(OUTPUT_BUDGET_CHARS);
    expect(shown.startsWith("GET /x → 200")).toBe(true);
    expect(shown).toMatch(/left out the end of \d+ long values \(marked …\)/);
    expect(shown).not.toMatch(/left out nothing/);
  });

  it("shortens long strings inside arrays as well as objects, marking each cut", () => {
    const data = { notes: ["x".repeat(5_000)], nested: [{ v: "y".repeat(5_000) }] };
    const fitted = fitJson(data, 3_000);
    expect(fitted.json.length).toBeLessThanOrEqual(3_000);
    const value = fitted.value as { notes: string[]; nested: Array<{ v: string }> };
    expect(value.notes[0]).toMatch(/^x+…$/);
    expect(value.nested[0]!.v).toMatch(/^y+…$/);
    expect(fitted.leftOut).toEqual([{ path: "(long values)", left: 2, of: 2 }]);
    expect(data.notes[0]).toHaveLength(5_000); // the input is not changed
  });

  it("leaves a page whose single row is over the budget to the general shortening, both parts alike", () => {
    const items = Array.from({ length: 3 }, (_, i) => ({ id: i, note: "n".repeat(30_000) }));
    const paging = { page: 1, pageSize: 3, totalCount: 3, hasNextPage: false };
    const text = [table(items, [["note", (x) => x.note]]), pageFooter({ ...paging, shown: 3 })].join("\n");
    const r = finalise({ ...paging, items }, text);
    const shown = (r.content[0] as { text: string }).text;
    expect(shown).not.toMatch(/holds the first 1 of the 3/);
    expect(JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(OUTPUT_BUDGET_CHARS);
  });

  it("continues a cut page with a page number the tools accept, however deep", () => {
    expect(pageAfterCut(2, 100, 36)).toEqual({ page: 4, pageSize: 36, repeat: 28 });
    const deep = pageAfterCut(1000, 100, 9);
    expect(deep.page).toBeLessThanOrEqual(MAX_PAGE);
    expect((deep.page - 1) * deep.pageSize).toBeLessThanOrEqual(999 * 100 + 9);
    expect(deep.page * deep.pageSize).toBeGreaterThan(999 * 100 + 9);
  });

  it("keeps text and structured content together within ~25k tokens, even for id-heavy JSON", () => {
    const items = Array.from({ length: 4000 }, (_, i) => ({
      id: `b0000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      created: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      displayName: `Person ${i}`,
      type: { id: 1, name: "User" },
    }));
    const text = items.map((x) => `| ${x.displayName} | ${x.id} | ${x.created} |`).join("\n");
    const r = finalise({ items, totalCount: items.length }, text);
    const answer = JSON.stringify({ content: r.content, structuredContent: r.structuredContent });
    expect(encode(answer).length).toBeLessThanOrEqual(25_000);
    const shown = (r.content[0] as { text: string }).text;
    expect(shown).toMatch(/more lines not shown/);
    expect(shown).toMatch(/Output budget \(~25k tokens\) reached: left out \d+ of 4000 entries of items/);
  });
});
