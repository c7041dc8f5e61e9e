// Authentication options and the headers they become, with the checks that keep bad values from being sent.

/** How the client authenticates: exactly one of these. */
export type UserApiAuth =
  | { basic: { username: string; password: string } }
  | { bearer: string }
  | { soTicket: string }
  | { xsrfToken: string };

/** Why a header value cannot be sent, or undefined when it can. */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return "contains a line break (CR or LF)";
  if (/[\0]/.test(value)) return "contains a NUL character";
  // fetch sends header values as bytes: anything outside Latin-1 cannot be represented.
  if (/[^\t\x20-\xff]/.test(value)) return "contains characters outside ISO-8859-1 (non-Latin-1 text or control characters)";
  return undefined;
}

/** Base64 of the UTF-8 bytes of a string, without Node's Buffer so that it runs in browsers too. */
export function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The request headers for an auth option. */
export function authHeaders(auth: UserApiAuth): Record<string, string> {
  if ("basic" in auth) {
    const { username, password } = auth.basic;
    if (username.includes(":")) throw new TypeError("auth.basic.username must not contain ':' (Basic auth separator)");
    return { Authorization: `Basic ${utf8Base64(`${username}:${password}`)}` };
  }
  if ("bearer" in auth) return { Authorization: `Bearer ${auth.bearer}` };
  if ("soTicket" in auth) return { Authorization: `SoTicket ${auth.soTicket}` };
  if ("xsrfToken" in auth) return { "X-XSRF-TOKEN": auth.xsrfToken };
  throw new TypeError("auth must be one of { basic }, { bearer }, { soTicket } or { xsrfToken }");
}

/** The secret values an auth option holds, in every form they may take on the wire. */
export function authSecrets(auth: UserApiAuth | undefined): string[] {
  if (!auth) return [];
  if ("basic" in auth) {
    const { username, password } = auth.basic;
    return [password, utf8Base64(`${username}:${password}`)];
  }
  if ("bearer" in auth) return [auth.bearer];
  if ("soTicket" in auth) return [auth.soTicket];
  if ("xsrfToken" in auth) return [auth.xsrfToken];
  return [];
}
