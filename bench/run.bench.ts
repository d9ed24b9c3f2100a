/**
 * `npm run bench`: every figure of the performance goals, each measured side by
 * side with its reference in this run, printed as a table and written to
 * bench/results.json with the machine it ran on. Not a gate: the table says
 * pass or FAIL, the run itself does not fail on a missed goal.
 *
 * BENCH_SETTING=tiny runs everything on a tiny setting (what CI uses so the
 * benchmark cannot rot); it writes bench/results.tiny.json instead.
 */
import { writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import { cliArtifact, FULL, machine, type Setting, TINY, table } from "./lib.js";
import { runAll } from "./measure.js";

const setting: Setting = process.env.BENCH_SETTING === "tiny" ? TINY : FULL;
const out = new URL(setting.name === "full" ? "./results.json" : "./results.tiny.json", import.meta.url);

it(`performance figures (${setting.name} setting)`, async () => {
  const facts = machine();
  const before = cliArtifact();
  const figures = await runAll(setting, (figs) => {
    for (const f of figs) process.stdout.write(`${f.id}: ${f.measured} — goal ${f.goal}\n`);
  });
  const after = cliArtifact();
  // Someone rebuilding with tsc alone mid-run swaps the artifact under the measurement: say so.
  const artifact =
    before === after ? before : `${before}, then ${after} (dist/cli.js was rebuilt during the run)`;
  const results = { setting, machine: facts, artifact, figures };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\njim-mcp performance (${setting.name} setting) — ${facts.cpu}, ${facts.cores} cores, Node ${facts.node}, ${facts.date}; dist/cli.js: ${artifact}\n\n${table(figures)}\n\nWritten to ${out.pathname}\n`,
  );
  expect(figures.length).toBeGreaterThan(0);
});
