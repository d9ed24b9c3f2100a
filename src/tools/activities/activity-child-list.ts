import * as z from "zod";
import { listChildActivities } from "../../jim/activities.js";
import { defineTool } from "../define.js";
import { pageFooter, pagingOf } from "../format/text.js";
import { activityId as activityIdInput, page, pageSize, pagingOutput } from "../params.js";
import { activityRow, activityTable, toActivityRow } from "./activity-rows.js";

export const activityChildList = defineTool({
  name: "activity_child_list",
  title: "List child activities",
  description: "Lists the sub-activities of an activity (e.g. the steps of a larger operation).",
  toolset: "activities",
  kind: "read",
  input: z.object({ activityId: activityIdInput, page, pageSize: pageSize(25) }),
  output: pagingOutput.extend({ items: z.array(activityRow) }),
  async handler(args, ctx) {
    const env = await listChildActivities(ctx.jim(), args.activityId, args.page, args.pageSize, ctx.signal);
    const items = env.items.map(toActivityRow);
    const paging = pagingOf(env);
    const text =
      env.totalCount === 0 && args.page === 1
        ? `Activity ${args.activityId} has no child activities.`
        : `${activityTable(items)}\n${pageFooter({ ...paging, shown: items.length })}`;
    return { structured: { ...paging, items }, text };
  },
});
