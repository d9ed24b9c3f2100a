/**
 * Canary secret scan. The whole suite runs with one random API key (the canary)
 * that the test rig registers in every simulator it starts and uses as the JIM key.
 * Everything jim-mcp says is scanned for it: every MCP message the server sends
 * (tool results, errors, progress, elicitation), every log line, and whatever the
 * test process writes to stdout/stderr. A leak fails the test file it happened in,
 * and the global teardown fails the run (see vitest.config.ts).
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";

export interface CanaryContext {
  /** The canary API key. */
  key: string;
  /** Directory where each test file leaves its scan report; null outside the main suite. */
  reportDir: string | null;
}

export interface Leak {
  where: string;
  /** Up to 80 characters around the find, with the canary itself masked. */
  excerpt: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    jimCanary: CanaryContext;
  }
}

/**
 * A fresh canary. It starts like the simulator's demo administrator key (same 12-character
 * stored prefix and the same 4-character preview), so results that show a key preview
 * read the same with either key; everything after the prefix is random per run.
 */
export function newCanaryKey(): string {
  return `jim_ak_demo1canary${randomBytes(24).toString("hex")}`;
}

let context: CanaryContext | undefined;

export function canaryContext(): CanaryContext {
  if (!context) {
    let provided: CanaryContext | undefined;
    try {
      provided = inject("jimCanary");
    } catch {
      provided = undefined;
    }
    context = provided ?? { key: newCanaryKey(), reportDir: null };
  }
  return context;
}

/** The canary API key for this run. */
export function canaryKey(): string {
  return canaryContext().key;
}

/** The part of the canary that is secret: everything after the preview prefix. */
function secretTail(key: string): string {
  return key.slice("jim_ak_demo1canary".length);
}

/**
 * Finds the key in text: the whole key, the random tail, or a 16-character run of it
 * (a key cut short is still a leak).
 */
export class LeakDetector {
  private readonly needles: string[];
  readonly leaks: Leak[] = [];
  scanned = 0;

  constructor(readonly key: string) {
    const tail = secretTail(key);
    const pieces = new Set<string>([key, tail]);
    for (let i = 0; i + 16 <= tail.length; i += 8) pieces.add(tail.slice(i, i + 16));
    this.needles = [...pieces].filter((p) => p.length >= 16);
  }

  /** Records a leak when `text` holds the key; returns true when it did. */
  scan(where: string, text: string): boolean {
    this.scanned += 1;
    for (const needle of this.needles) {
      const at = text.indexOf(needle);
      if (at >= 0) {
        const around = text.slice(Math.max(0, at - 30), at + needle.length + 30);
        this.leaks.push({ where, excerpt: this.mask(around) });
        return true;
      }
    }
    return false;
  }

  private mask(text: string): string {
    let out = text;
    for (const n of this.needles) out = out.split(n).join("«canary»");
    return out;
  }
}

let detector: LeakDetector | undefined;

/** The detector for this test process (created on first use with the run's canary). */
export function secretScan(): LeakDetector {
  detector ??= new LeakDetector(canaryKey());
  return detector;
}

/** Scans any value jim-mcp produced (strings as they are, anything else as JSON). */
export function scanOutput(where: string, value: unknown): void {
  if (value === undefined) return;
  const text = typeof value === "string" ? value : safeJson(value);
  secretScan().scan(where, text);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
