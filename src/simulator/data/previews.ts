/** The configuration-change preview store every area that starts previews shares (keyed by activity id). */
import type { SimState } from "../state.js";

export interface SimPreviewEntry {
  /** The ConfigurationChangePreviewResponse at time `now`. */
  render(now: number): unknown;
}

export function previewStore(state: SimState): Map<string, SimPreviewEntry> {
  if (!state.ext.previews) state.ext.previews = new Map<string, SimPreviewEntry>();
  return state.ext.previews as Map<string, SimPreviewEntry>;
}
