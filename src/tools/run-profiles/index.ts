/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { runProfileCreate } from "./run-profile-create.js";
import { runProfileDelete } from "./run-profile-delete.js";
import { runProfileExecute } from "./run-profile-execute.js";
import { runProfileList } from "./run-profile-list.js";
import { runProfileUpdate } from "./run-profile-update.js";

export const tools: AnyToolDef[] = [
  runProfileList,
  runProfileExecute,
  runProfileCreate,
  runProfileUpdate,
  runProfileDelete,
];
