import * as z from "zod";
import { executeExampleDataTemplate } from "../../jim/operations.js";
import { defineTool } from "../define.js";
import { INT_MAX } from "../params.js";

export const exampleDataExecute = defineTool({
  name: "example_data_execute",
  title: "Generate example data",
  description:
    "Queues generation of example Metaverse objects from a template (for test and demo instances); returns the activity to follow.",
  toolset: "operations",
  kind: "write",
  input: z.object({
    templateId: z.number().int().min(1).max(INT_MAX).describe("Template id (example_data_template_list)."),
  }),
  output: z.object({ activityId: z.string(), taskId: z.string(), message: z.string() }),
  async handler(args, ctx) {
    const r = await executeExampleDataTemplate(ctx.jim(), args.templateId, ctx.signal);
    return {
      structured: { activityId: r.activityId, taskId: r.taskId, message: r.message },
      text: `${r.message}\nActivity ${r.activityId} — follow it with activity_wait (activityId ${r.activityId}).`,
    };
  },
});
