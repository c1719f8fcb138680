// Where a new project gets the Clover packages. They are not on a registry yet, so a project
// made from a Clover checkout links to that checkout (`file:` dependencies): the packages run
// from their TypeScript sources and their own dependencies (native SQLite among them) are
// already installed there, so `npm install` takes seconds and needs no network. Once the
// packages are published (no checkout next to the CLI), registry versions are written instead.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DependencySpecs } from "./template.js";

/** The Clover checkout this CLI runs from, if it is one (packages/cli inside a workspace). */
export function cloverCheckout(): string | undefined {
  const root = fileURLToPath(new URL("../../../../", import.meta.url));
  const needed = [
    "packages/sdk/package.json",
    "packages/cli/package.json",
    "node_modules/tsx/package.json",
    "node_modules/typescript/package.json",
    "node_modules/@types/node/package.json",
  ];
  return needed.every((p) => existsSync(resolve(root, p))) ? resolve(root) : undefined;
}

export function dependencySpecs(version: string): {
  specs: DependencySpecs;
  source: "checkout" | "registry";
  note: string;
} {
  const checkout = process.env["CLOVER_INIT_REGISTRY"] === "1" ? undefined : cloverCheckout();
  if (!checkout)
    return {
      specs: {
        sdk: version,
        cli: version,
        tsx: "^4.23.15",
        typescript: "^5.9.3",
        typesNode: "^20.19.43",
      },
      source: "registry",
      note: `version ${version} from the npm registry`,
    };
  const link = (path: string) => `file:${resolve(checkout, path)}`;
  return {
    specs: {
      sdk: link("packages/sdk"),
      cli: link("packages/cli"),
      tsx: link("node_modules/tsx"),
      typescript: link("node_modules/typescript"),
      typesNode: link("node_modules/@types/node"),
    },
    source: "checkout",
    note: `linked to the Clover checkout at ${checkout} (keep it there; see docs/cli.md)`,
  };
}
