// Message naming rules (cek-home-extension.md §3.3): which success name answers a request.

/**
 * The success response name for a request name: `…Response` for discovery, `Get…` and
 * HealthCheck, `…Confirmation` for every control request (incl. ActionScene).
 * `homeResponseNameFor("HealthCheckRequest") === "HealthCheckResponse"`.
 */
export function homeResponseNameFor(requestName: string): string {
  if (!requestName.endsWith("Request")) {
    throw new TypeError(`${JSON.stringify(requestName)} is not a request name (…Request)`);
  }
  const base = requestName.slice(0, -"Request".length);
  const isQuery = /^(Get|Discover)[A-Z]/.test(base) || base === "HealthCheck";
  return base + (isQuery ? "Response" : "Confirmation");
}

/** The request name a success response answers (inverse of homeResponseNameFor). */
export function homeRequestNameFor(responseName: string): string | undefined {
  const match = /^(.+)(Response|Confirmation)$/.exec(responseName);
  if (!match) return undefined;
  const request = `${match[1]}Request`;
  return homeResponseNameFor(request) === responseName ? request : undefined;
}

/** Error responses are recognised by name alone (§8.1); unknown `…Error` names count too. */
export function isHomeErrorName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*Error$/.test(name);
}
