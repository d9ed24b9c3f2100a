/**
 * A prompt's plan: numbered steps naming the tool to call and its arguments. A step offers
 * tools in order of preference and uses the first one this server exposes (toolsets,
 * --tools, --read-only can hide some); a step none of whose tools is exposed is left out.
 * Arguments a tool's input does not take are dropped, so a plan offers several spellings
 * (connectedSystemId for one tool, connectedSystem for another) and each tool gets its own.
 */

export type Call = readonly [tool: string, args: Record<string, unknown>];

const EITHER = Symbol("either");
type Either = { [EITHER]: Record<string, unknown> };

/**
 * Several spellings of one argument, in order of preference: the first the tool takes is sent,
 * and only that one (tools refuse two ways of naming the same thing).
 */
export function either(spellings: Record<string, unknown>): Record<string, unknown> {
  return { [EITHER]: spellings } as Either as unknown as Record<string, unknown>;
}

function argsFor(wanted: Record<string, unknown>, accepts: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const alternatives = (wanted as Partial<Either>)[EITHER];
  if (alternatives) {
    const key = Object.keys(alternatives).find((k) => accepts.has(k) && alternatives[k] !== undefined);
    if (key) out[key] = alternatives[key];
  }
  for (const [k, v] of Object.entries(wanted)) if (accepts.has(k) && v !== undefined) out[k] = v;
  return out;
}

export class Plan {
  private readonly steps: string[] = [];
  private readonly missing = new Set<string>();

  /** Tool name → the argument names its input takes. */
  constructor(private readonly available: ReadonlyMap<string, ReadonlySet<string>>) {}

  has(tool: string): boolean {
    return this.available.has(tool);
  }

  /** How many steps the plan has so far: the number of the step just added. */
  get size(): number {
    return this.steps.length;
  }

  /** Adds "N. <why>: call tool {args}" with the first exposed tool; returns the tool used. */
  step(why: string, ...calls: Call[]): string | undefined {
    const call = calls.find(([tool]) => this.available.has(tool));
    if (!call) {
      for (const [tool] of calls) this.missing.add(tool);
      return undefined;
    }
    const [tool, wanted] = call;
    const args = argsFor(wanted, this.available.get(tool)!);
    this.steps.push(`${why}: call \`${tool} ${JSON.stringify(args)}\``);
    return tool;
  }

  /** A step that is advice only (no tool). */
  note(text: string): void {
    this.steps.push(text);
  }

  render(): string {
    const lines = this.steps.map((s, i) => `${i + 1}. ${s}`);
    if (this.missing.size > 0) {
      lines.push(
        "",
        `(Skipped: this server does not expose ${[...this.missing].join(", ")}; enable them with --toolsets or --tools for a fuller check.)`,
      );
    }
    return lines.join("\n");
  }
}

/** ISO date `days` ago (UTC), for activity_list's createdFrom. */
export function daysAgo(days: number, now = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString().slice(0, 10);
}
