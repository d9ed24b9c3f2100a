// Regenerates the README's tool list from the registry (run after `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { replaceToolsBlock } from "../dist/lib/docs.js";

const file = new URL("../README.md", import.meta.url);
const before = readFileSync(file, "utf8");
const after = replaceToolsBlock(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? "README tool list is current\n" : "README tool list updated\n");
