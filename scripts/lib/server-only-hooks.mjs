// A module resolution hook for the server process (node:module register(), registered by
// scripts/server.ts). lib/ marks its server modules with `import "server-only"`, whose
// package throws when imported outside React's "react-server" condition, so that no
// client bundle can include them. The server process is server code: there the marker
// resolves with that condition, to the package's empty module, as in Next's server bundles.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
