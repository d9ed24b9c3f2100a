/** Short date texts for the security, certificate, history and log tools. */

/** "2026-11-22 05:28Z", or "–" when there is no date. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")}Z`;
}

/** "3 min ago", "2 h ago", "5 d ago", "in 20 d"; `none` when there is no date. */
export function relative(iso: string | null | undefined, none = "never", now = Date.now()): string {
  if (!iso) return none;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  const abs = Math.abs(diff);
  const unit =
    abs < 3_600_000
      ? `${Math.max(1, Math.round(abs / 60_000))} min`
      : abs < 2 * 86_400_000
        ? `${Math.round(abs / 3_600_000)} h`
        : `${Math.round(abs / 86_400_000)} d`;
  return diff >= 0 ? `in ${unit}` : `${unit} ago`;
}

/** Both forms: "2026-11-22 05:28Z (2 h ago)". */
export function when(iso: string | null | undefined, none = "never", now = Date.now()): string {
  return iso ? `${fmtDate(iso)} (${relative(iso, none, now)})` : none;
}
