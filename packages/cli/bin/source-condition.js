// Module resolve hook: workspace packages resolve to their TypeScript sources.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes("@clover/source")
    ? context.conditions
    : [...context.conditions, "@clover/source"];
  return nextResolve(specifier, { ...context, conditions });
}
