/** Run profiles: list (bare array) and execute (202, queued for the worker). */
import type { RunProfileExecutionResponse } from "../../jim/types.js";
import type { SimContext } from "../context.js";
import { toRunProfile } from "../dto.js";
import { apiError, notFound, type Router, sendJson } from "../http.js";
import { flattenContainers, type SimConnectedSystem, type SimRunProfile } from "../state.js";
import { CS_BASE } from "./connected-systems.js";

export interface PartitionCheck {
  /** Selection gaps: refused in Error mode, warnings in Warning mode. */
  incomplete: string[];
  /** The profile's own partition is deselected: always refused. */
  blocking: string[];
}

/** Checks a system's partition/container selection for a run of `rp`. */
export function checkPartitionSelection(sys: SimConnectedSystem, rp: SimRunProfile): PartitionCheck {
  const out: PartitionCheck = { incomplete: [], blocking: [] };
  if (sys.partitions.length === 0) return out;
  const selected = sys.partitions.filter((p) => p.selected);
  if (selected.length === 0) {
    out.incomplete.push(`No partition of Connected System '${sys.name}' is selected.`);
  }
  for (const p of selected) {
    const all = flattenContainers(p.containers);
    if (all.length > 0 && !all.some((c) => c.selected)) {
      out.incomplete.push(`Partition '${p.name}' is selected but none of its containers are selected.`);
    }
  }
  if (rp.partitionId !== null) {
    const target = sys.partitions.find((p) => p.id === rp.partitionId);
    if (target && !target.selected) {
      out.blocking.push(
        `Run Profile '${rp.name}' targets partition '${target.name}', which is not selected.`,
      );
    }
  }
  return out;
}

export function register(router: Router, sim: SimContext): void {
  router.get(`${CS_BASE}/{connectedSystemId:int}/run-profiles`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    sendJson(
      ctx.res,
      200,
      sys.runProfiles.map((rp) => toRunProfile(sys, rp)),
    );
  });

  router.post(`${CS_BASE}/{connectedSystemId:int}/run-profiles/{runProfileId:int}/execute`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const rpId = Number(ctx.params.runProfileId);
    const rp = sys.runProfiles.find((r) => r.id === rpId);
    if (!rp) return notFound(ctx.res, `Run Profile with ID ${rpId} not found for Connected System ${id}.`);

    const check = checkPartitionSelection(sys, rp);
    const refuse = [
      ...check.blocking,
      ...(sim.state.partitionValidationMode === "Error" ? check.incomplete : []),
    ];
    if (refuse.length > 0) {
      return apiError(
        ctx.res,
        400,
        "BAD_REQUEST",
        `Cannot execute Run Profile '${rp.name}': ${refuse.join(" ")}`,
      );
    }
    const warnings = sim.state.partitionValidationMode === "Warning" ? check.incomplete : [];
    const { activity, task } = sim.worker.enqueue(sys, rp, ctx.principal, ctx.now);
    const body: RunProfileExecutionResponse = {
      activityId: activity.id,
      taskId: task.id,
      message: `Run Profile '${rp.name}' for '${sys.name}' has been queued for execution.`,
      warnings,
    };
    sendJson(ctx.res, 202, body);
  });
}
