// `npm run check:generated`: fails when generated/ differs from a fresh generation of openapi.yaml (drift check).
import { staleFiles } from "./generate.js";

const { stale, cleanUp } = await staleFiles();
cleanUp();
if (stale.length > 0) {
  console.error(`generated/ is out of date with openapi.yaml: ${stale.join(", ")}`);
  console.error("Run `npm run generate` and commit the result.");
  process.exit(1);
}
console.log("generated/ matches openapi.yaml");
