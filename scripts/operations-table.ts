// `npm run readme:operations`: rewrites the README's operation table from the bundled contract, grouped as the docs
// are (x-tagGroups, then tags), so the table cannot drift from the contract (test/readme.test.ts checks it).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { clientPlace } from "../src/naming.js";
import { answersSecret, deref, listOperations, loadSpec, operationParameters, repoRoot, type OpenApiDocument } from "./lib/spec.js";

const start = "<!-- operations:start (npm run readme:operations) -->";
const end = "<!-- operations:end -->";

/** What a call answers, in a few words: `200 User`, `200 boolean`, `204`. */
function answer(doc: OpenApiDocument, operation: any): string {
  const [status, response] = Object.entries<any>(operation.responses).find(([code]) => code.startsWith("2"))!;
  const schema = deref(doc, response).content?.["application/json"]?.schema;
  if (!schema) return status;
  const name = (s: any): string =>
    s.$ref ? `\`${s.$ref.split("/").at(-1)}\`` : s.type === "array" ? `${name(s.items)}[]` : ([s.type].flat().find((t: string) => t !== "null") ?? "value");
  return `${status} ${name(schema)}`;
}

/** The README's operation table, one section per tag. */
export function operationsTable(doc: OpenApiDocument): string {
  const ops = listOperations(doc);
  const lines: string[] = [start, ""];
  for (const group of doc["x-tagGroups"] as { name: string; tags: string[] }[]) {
    for (const tag of group.tags) {
      const tagged = ops.filter((op) => op.operation.tags?.[0] === tag);
      if (tagged.length === 0) continue;
      lines.push(`**${group.name}: ${tag}** (${tagged.length})`, "");
      lines.push("| client function | method and path (after `/api/v1`) | answer | notes |", "|---|---|---|---|");
      for (const op of tagged) {
        const { namespace, name } = clientPlace(op.operationId, op.path);
        const notes = [
          /Blocked in SuperOffice Online/.test(op.operation.description) ? "blocked in Online" : op.operation["x-superoffice-online-restricted"] ? "restricted" : "",
          op.operation["x-superoffice-destructive"] ? "destructive" : "",
          answersSecret(doc, op) ? "answer is a secret" : "",
        ].filter(Boolean);
        const query = operationParameters(doc, op).filter((p) => p.in === "query" && p.name !== "$select").map((p) => `\`${p.name}\``);
        const shown = query.length > 4 ? [...query.slice(0, 3), "..."] : query;
        const call = `\`${op.method.toUpperCase()} ${op.path}\`${shown.length ? ` (${shown.join(", ")})` : ""}`;
        lines.push(`| \`${namespace ? `${namespace}.` : ""}${name}\` | ${call} | ${answer(doc, op.operation)} | ${notes.join(", ")} |`);
      }
      lines.push("");
    }
  }
  lines.push(end);
  return lines.join("\n");
}

/** The README with its operation table replaced by a fresh one. */
export function readmeWithTable(readme: string, doc: OpenApiDocument): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no operation table between '${start}' and '${end}'`);
  return readme.slice(0, from) + operationsTable(doc) + readme.slice(to + end.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = join(repoRoot, "README.md");
  writeFileSync(file, readmeWithTable(readFileSync(file, "utf8"), loadSpec()));
  console.log(`README.md: operation table rewritten from ${listOperations(loadSpec()).length} operations`);
}
