/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { runProfileExecute } from "./run-profile-execute.js";
import { runProfileList } from "./run-profile-list.js";

export const tools: AnyToolDef[] = [runProfileList, runProfileExecute];
