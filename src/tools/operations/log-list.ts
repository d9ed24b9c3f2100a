import * as z from "zod";
import { LOG_LEVELS, LOG_SERVICES, listLogEntries } from "../../jim/operations.js";
import { defineTool } from "../define.js";
import { fmtNumber } from "../format/text.js";

const SHORT: Record<string, string> = {
  Verbose: "VRB",
  Debug: "DBG",
  Information: "INF",
  Warning: "WRN",
  Error: "ERR",
  Fatal: "FTL",
};

export const logList = defineTool({
  name: "log_list",
  title: "Read JIM's service logs",
  description: "Reads JIM's service logs, newest first, by service, minimum level, text and day.",
  toolset: "operations",
  kind: "read",
  input: z.object({
    service: z.enum(LOG_SERVICES).optional().describe("Only this service."),
    minLevel: z.enum(LOG_LEVELS).optional().describe("Lowest level shown."),
    search: z.string().max(200).optional().describe("Text in the message."),
    date: z.string().max(10).optional().describe("Day, YYYY-MM-DD (UTC)."),
    limit: z.number().int().min(1).max(500).default(50).describe("Entries, 1–500 (default 50)."),
    offset: z.number().int().min(0).max(1_000_000).default(0).describe("Entries to skip."),
  }),
  output: z.object({
    nextOffset: z.number().int().nullable(),
    items: z.array(
      z.object({
        time: z.string(),
        level: z.string(),
        service: z.string(),
        message: z.string(),
        exception: z.string().nullable(),
      }),
    ),
  }),
  check: (args) =>
    args.date === undefined || /^\d{4}-\d{2}-\d{2}$/.test(args.date) ? undefined : "date must be YYYY-MM-DD.",
  async handler(args, ctx) {
    const levels = args.minLevel ? LOG_LEVELS.slice(LOG_LEVELS.indexOf(args.minLevel)) : undefined;
    // One more than asked, to tell whether more entries follow (the endpoint returns a bare array).
    const rows = await listLogEntries(
      ctx.jim(),
      {
        service: args.service,
        date: args.date,
        levels,
        search: args.search,
        limit: args.limit + 1,
        offset: args.offset,
      },
      ctx.signal,
    );
    const hasMore = rows.length > args.limit;
    const items = rows.slice(0, args.limit).map((e) => ({
      time: e.timestamp,
      level: e.level,
      service: e.service,
      message: e.message.length > 500 ? `${e.message.slice(0, 500)}…` : e.message,
      exception: e.exception ? (e.exception.split("\n")[0] ?? "").slice(0, 300) : null,
    }));
    const lines = items.map((e) => {
      const head = `${e.time.slice(0, 19).replace("T", " ")}Z ${SHORT[e.level] ?? e.level} ${e.service}: ${e.message.replace(/\s+/g, " ")}`;
      return e.exception ? `${head}\n    ↳ ${e.exception}` : head;
    });
    const from = args.offset + 1;
    const footer =
      items.length === 0
        ? `no entries${args.offset ? ` from offset ${fmtNumber(args.offset)}` : ""}`
        : `showing ${fmtNumber(from)}–${fmtNumber(args.offset + items.length)} (newest first)${hasMore ? ` — next: offset=${args.offset + items.length}` : " — no more entries"}`;
    return {
      structured: { nextOffset: hasMore ? args.offset + items.length : null, items },
      text: [...lines, footer].join("\n"),
    };
  },
});
