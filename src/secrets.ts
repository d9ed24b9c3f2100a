/**
 * Secrets JIM hands out once (a new API key, a generated password) are written to
 * a private file and never put into the conversation: the tool result names the
 * file and shows a redacted preview.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function saveSecret(dir: string, label: string, content: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700).catch(() => undefined);
  const safe =
    label
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "secret";
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(dir, `${stamp}-${safe}.json`);
  await writeFile(file, content, { mode: 0o600, flag: "wx" });
  return file;
}
