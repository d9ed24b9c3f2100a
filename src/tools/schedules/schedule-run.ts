import * as z from "zod";
import { getConnectedSystem } from "../../jim/connected-systems.js";
import { getExecution, getSchedule, runSchedule, waitForExecution } from "../../jim/schedules.js";
import { defineTool } from "../define.js";
import { fmtDuration, fmtNumber } from "../format/text.js";
import { waitTimeoutSeconds } from "../params.js";
import { resolveSchedule } from "../resolve.js";
import {
  adviceFor,
  describeSteps,
  executionOutput,
  renderExecution,
  scheduleId,
  stepPosition,
  summarise,
} from "./shared.js";

export const scheduleRun = defineTool({
  name: "schedule_run",
  title: "Run a schedule now",
  description:
    "Runs a schedule now and waits, with progress, for each step's outcome. Export steps ask first.",
  toolset: "schedules",
  kind: "write",
  idempotent: false,
  input: z.object({
    scheduleId,
    wait: z.boolean().default(true).describe("false: return at once."),
    timeoutSeconds: waitTimeoutSeconds.describe(
      "Seconds (default 50); then follow with schedule_execution_get.",
    ),
  }),
  output: executionOutput.extend({ waitedSeconds: z.number() }),
  async destructiveWhen(args, ctx) {
    const jim = ctx.jim();
    const { id: scheduleGuid } = await resolveSchedule(ctx, args.scheduleId);
    const s = await getSchedule(jim, scheduleGuid, ctx.signal);
    const sorted = [...s.steps].sort((a, b) => a.stepIndex - b.stepIndex);
    const steps = await describeSteps(jim, sorted, ctx.signal);
    const exports = sorted
      .map((st, i) => ({ st, info: steps[i]! }))
      .filter(({ info }) => info.runType === "Export");
    if (exports.length === 0) return undefined;
    const systems = [
      ...new Set(exports.map((x) => x.st.connectedSystemId).filter((x): x is number => x !== null)),
    ];
    const pending = await Promise.all(systems.map((id) => getConnectedSystem(jim, id, ctx.signal)));
    const pendingText = pending
      .map((cs) => `${fmtNumber(cs.pendingExportCount)} pending on "${cs.name}"`)
      .join(", ");
    return {
      summary: `Run schedule "${s.name}" (id ${s.id}) now? Its export step(s) ${exports.map((x) => `${x.info.index + 1} (${x.info.label})`).join(", ")} write to the real target system (${pendingText}); this cannot be undone from JIM.`,
      preview: {
        schedule: `${s.name} (id ${s.id})`,
        steps: steps.map((x) => `${x.index + 1}. ${x.label}${x.runType ? ` [${x.runType}]` : ""}`),
        pendingExports: Object.fromEntries(pending.map((cs) => [cs.name, cs.pendingExportCount])),
      },
    };
  },
  async handler(args, ctx) {
    const jim = ctx.jim();
    const { id: scheduleGuid } = await resolveSchedule(ctx, args.scheduleId);
    const started = await runSchedule(jim, scheduleGuid, ctx.signal);
    const follow = `schedule_execution_get {"executionId":"${started.executionId}"}`;
    if (!args.wait) {
      const e = await getExecution(jim, started.executionId, ctx.signal);
      const summary = summarise(e, `Follow it with ${follow}.`);
      return {
        structured: { ...summary, waitedSeconds: 0 },
        text: renderExecution(e, summary, `Started "${e.scheduleName}" (${summary.step}).`),
      };
    }
    const r = await waitForExecution(jim, started.executionId, {
      timeoutMs: args.timeoutSeconds * 1000,
      intervalMs: ctx.config.pollIntervalMs,
      signal: ctx.signal,
      onPoll: async (e) => {
        if (!ctx.wantsProgress) return;
        await ctx.progress({ progress: e.currentStepIndex, total: e.totalSteps, message: stepPosition(e) });
      },
    });
    const waitedSeconds = Math.round(r.waitedMs / 100) / 10;
    if (!r.execution) throw new Error(`Lost contact with JIM while waiting; follow the run with ${follow}.`);
    if (r.end !== "terminal") {
      const why =
        r.end === "timeout"
          ? `Still running after waiting ${fmtDuration(waitedSeconds)}.`
          : r.end === "cancelled"
            ? "Stopped waiting (the request was cancelled); the schedule goes on in JIM."
            : "Lost contact with JIM while waiting; the schedule may still be going.";
      const summary = summarise(r.execution, `${why} Keep following with ${follow}.`);
      return { structured: { ...summary, waitedSeconds }, text: renderExecution(r.execution, summary) };
    }
    const summary = summarise(r.execution, adviceFor(summarise(r.execution, null)));
    return { structured: { ...summary, waitedSeconds }, text: renderExecution(r.execution, summary) };
  },
});
