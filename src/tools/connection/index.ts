/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { connectionDisconnect } from "./connection-disconnect.js";
import { connectionStatus } from "./connection-status.js";
import { connectionSwitch } from "./connection-switch.js";

export const tools: AnyToolDef[] = [connectionStatus, connectionSwitch, connectionDisconnect];
