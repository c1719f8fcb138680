// What a user does on the example vendor's login page, for tests and scripts: sign in with the
// example's account (a real form POST carrying the authorization request's parameters) and get
// the redirect back to the platform, code and state included.

/**
 * Signs in on the page at `authorizationUrl` and returns the URL the page redirects to
 * (the platform's redirect_uri with `code` and `state`). Throws when the page refuses.
 */
export async function signInOnVendorPage(
  authorizationUrl: string | URL,
  account: { username: string; password: string } = { username: "home", password: "home" },
): Promise<URL> {
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("username", account.username);
  form.set("password", account.password);
  const login = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const location = login.headers.get("location");
  if (login.status !== 302 || !location)
    throw new Error(`the vendor's page answered ${login.status}, not a redirect back`);
  return new URL(location);
}
