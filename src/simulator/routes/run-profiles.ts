/** Run profiles: list (bare array), execute (202, queued for the worker), create (201), update, delete (204). */
import type { ConnectedSystemRunType, RunProfileExecutionResponse } from "../../jim/types.js";
import type { SimContext } from "../context.js";
import { toRunProfile } from "../dto.js";
import { bindJsonEnum } from "../enums.js";
import {
  apiError,
  badRequest,
  notFound,
  type Router,
  sendEmpty,
  sendJson,
  validationProblem,
} from "../http.js";
import { flattenContainers, type SimConnectedSystem, type SimRunProfile } from "../state.js";
import { CS_BASE } from "./connected-systems.js";
import { isObject, prop } from "./partitions.js";

const RUN_TYPE = [
  "NotSet",
  "FullImport",
  "DeltaImport",
  "FullSynchronisation",
  "DeltaSynchronisation",
  "Export",
] as const satisfies readonly ConnectedSystemRunType[];

interface RunProfileBody {
  name?: string;
  runType?: ConnectedSystemRunType;
  pageSize?: number;
  partitionId?: number;
  filePath?: string;
  verifyImportContentHashes?: boolean;
}

/**
 * Binds a create/update body the way ASP.NET does: wrong JSON types and broken
 * data annotations are ValidationProblemDetails (field keys like "$.pageSize" or "Name").
 */
function readRunProfileBody(
  body: Record<string, unknown>,
  creating: boolean,
): { value: RunProfileBody } | { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const out: RunProfileBody = {};
  const typeError = (name: string, type: string) => {
    errors[`$.${name}`] = [`The JSON value could not be converted to ${type}. Path: $.${name}.`];
  };
  const name = prop(body, "name");
  if (name !== undefined && name !== null) {
    if (typeof name !== "string") typeError("name", "System.String");
    else if (name.length < 1 || name.length > 200) {
      errors.Name = [
        "The field Name must be a string with a minimum length of 1 and a maximum length of 200.",
      ];
    } else out.name = name;
  } else if (creating) errors.Name = ["The Name field is required."];
  const runType = prop(body, "runType");
  if (creating) {
    if (runType === undefined || runType === null) errors.RunType = ["The RunType field is required."];
    else {
      const bound = bindJsonEnum(RUN_TYPE, runType);
      if (bound === null) typeError("runType", "ConnectedSystemRunType");
      else out.runType = bound;
    }
  }
  for (const key of ["pageSize", "partitionId"] as const) {
    const v = prop(body, key);
    if (v === undefined || v === null) continue;
    const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) typeError(key, "System.Int32");
    else if (key === "pageSize" && (n < 1 || n > 10000)) {
      errors.PageSize = ["The field PageSize must be between 1 and 10000."];
    } else out[key] = n;
  }
  const filePath = prop(body, "filePath");
  if (filePath !== undefined && filePath !== null) {
    if (typeof filePath !== "string") typeError("filePath", "System.String");
    else if (filePath.length > 500) {
      errors.FilePath = ["The field FilePath must be a string with a maximum length of 500."];
    } else out.filePath = filePath;
  }
  const verify = prop(body, "verifyImportContentHashes");
  if (verify !== undefined && verify !== null) {
    if (typeof verify !== "boolean") typeError("verifyImportContentHashes", "System.Boolean");
    else out.verifyImportContentHashes = verify;
  }
  return Object.keys(errors).length > 0 ? { errors } : { value: out };
}

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

/** The rules JIM checks on both create and update of a run profile: the 400 message, or undefined. */
function ruleProblem(
  sys: { name: string; partitions: Array<{ id: number }> },
  runType: string | undefined,
  b: { verifyImportContentHashes?: boolean | undefined; partitionId?: number | undefined },
): string | undefined {
  if (b.verifyImportContentHashes && runType !== "FullImport") {
    return "Import content hash verification is only available for Full Import run profiles.";
  }
  if (b.partitionId !== undefined && !sys.partitions.some((p) => p.id === b.partitionId)) {
    return `Partition with ID ${b.partitionId} does not belong to Connected System '${sys.name}'.`;
  }
  return undefined;
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

  router.post(
    `${CS_BASE}/{connectedSystemId:int}/run-profiles`,
    (ctx) => {
      if (!isObject(ctx.body)) {
        return validationProblem(ctx.res, {
          $: ["The JSON value could not be converted to CreateRunProfileRequest."],
        });
      }
      const read = readRunProfileBody(ctx.body, true);
      if ("errors" in read) return validationProblem(ctx.res, read.errors);
      const b = read.value;
      const id = Number(ctx.params.connectedSystemId);
      const sys = sim.state.getConnectedSystem(id);
      if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
      if (b.runType === "NotSet")
        return badRequest(ctx.res, "A Run Profile needs a run type other than NotSet.");
      const broken = ruleProblem(sys, b.runType, b);
      if (broken) return badRequest(ctx.res, broken);
      const rp = {
        id: sim.state.nextId("runProfile"),
        name: b.name!,
        runType: b.runType!,
        pageSize: b.pageSize ?? 100,
        partitionId: b.partitionId ?? null,
        filePath: b.filePath ?? null,
        verifyImportContentHashes: b.verifyImportContentHashes ?? false,
      };
      sys.runProfiles.push(rp);
      sendJson(ctx.res, 201, toRunProfile(sys, rp), { location: `${CS_BASE}/${sys.id}/run-profiles` });
    },
    { body: "json" },
  );

  router.put(`${CS_BASE}/{connectedSystemId:int}/run-profiles/{runProfileId:int}`, (ctx) => {
    if (!isObject(ctx.body)) {
      return validationProblem(ctx.res, {
        $: ["The JSON value could not be converted to UpdateRunProfileRequest."],
      });
    }
    const read = readRunProfileBody(ctx.body, false);
    if ("errors" in read) return validationProblem(ctx.res, read.errors);
    const b = read.value;
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const rpId = Number(ctx.params.runProfileId);
    const rp = sys.runProfiles.find((r) => r.id === rpId);
    if (!rp) return notFound(ctx.res, `Run Profile with ID ${rpId} not found for Connected System ${id}.`);
    const broken = ruleProblem(sys, rp.runType, b);
    if (broken) return badRequest(ctx.res, broken);
    if (b.name !== undefined) rp.name = b.name;
    if (b.pageSize !== undefined) rp.pageSize = b.pageSize;
    if (b.partitionId !== undefined) rp.partitionId = b.partitionId;
    if (b.filePath !== undefined) rp.filePath = b.filePath === "" ? null : b.filePath;
    if (b.verifyImportContentHashes !== undefined) rp.verifyImportContentHashes = b.verifyImportContentHashes;
    sendJson(ctx.res, 200, toRunProfile(sys, rp));
  });

  router.delete(`${CS_BASE}/{connectedSystemId:int}/run-profiles/{runProfileId:int}`, (ctx) => {
    const id = Number(ctx.params.connectedSystemId);
    const sys = sim.state.getConnectedSystem(id);
    if (!sys) return notFound(ctx.res, `Connected System with ID ${id} not found.`);
    const rpId = Number(ctx.params.runProfileId);
    const at = sys.runProfiles.findIndex((r) => r.id === rpId);
    if (at < 0) return notFound(ctx.res, `Run Profile with ID ${rpId} not found for Connected System ${id}.`);
    sys.runProfiles.splice(at, 1);
    sendEmpty(ctx.res, 204);
  });
}
