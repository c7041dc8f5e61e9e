// The contract's examples as code for another generator's output: typed with its types, or parsed with its schemas.
import type { ContractExample } from "../../scripts/lib/examples.js";

/** The component an example's schema names: `{ name: "User" }` for a `$ref`, `{ name: "Role", array: true }` for an array of them. */
export function componentOf(schema: any): { name: string; array: boolean } | undefined {
  const name = (ref: unknown) => (typeof ref === "string" && ref.startsWith("#/components/schemas/") ? ref.slice(21) : undefined);
  if (name(schema?.$ref)) return { name: name(schema.$ref)!, array: false };
  if (schema?.type === "array" && name(schema.items?.$ref)) return { name: name(schema.items.$ref)!, array: true };
  return undefined;
}

/** The examples written for a component (or an array of one), each value once per type; inline schemas (a boolean, a map) are left out. */
export function componentExamples(examples: ContractExample[]): (ContractExample & { type: string })[] {
  const seen = new Set<string>();
  return examples.flatMap((example) => {
    const component = componentOf(example.schema);
    if (!component) return [];
    const type = component.array ? `${component.name}[]` : component.name;
    const key = `${type} ${JSON.stringify(example.value)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...example, type }];
  });
}

/**
 * A TypeScript module that assigns every component example to the generator's type of the same name (imported as
 * `T` from `typesModule`), and two wrong values under `@ts-expect-error`, so that types that accept anything fail too.
 */
export function typedExamplesModule(examples: ContractExample[], typesModule: string): string {
  const lines = [`// Written by test/contract.generators.test.ts: the contract's examples, typed with ${typesModule}.`];
  lines.push(`import type * as T from "${typesModule}";`, "");
  componentExamples(examples).forEach((example, i) => {
    lines.push(`// ${example.label}`, `export const example${i}: T.${example.type} = ${JSON.stringify(example.value)};`);
  });
  lines.push("// @ts-expect-error: AssociateId is an integer", 'export const wrongUser: T.User = { AssociateId: "5" };');
  lines.push("// @ts-expect-error: a child item is a list item too", 'export const wrongChild: T.MDOListItem = { ChildItems: [{ Id: "5" }] };');
  return `${lines.join("\n")}\n`;
}
