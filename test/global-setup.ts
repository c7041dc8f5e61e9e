// Starts one Prism mock of openapi.yaml for the whole test run and stops it afterwards.
import type { TestProject } from "vitest/node";
import { startPrism } from "../scripts/lib/prism.js";
import { freePort } from "./helpers/ports.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const prism = await startPrism(await freePort());
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
