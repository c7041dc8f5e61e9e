// Pages through an archive list by following `odata.nextLink`, on the same server and path only.
import type { ArchiveRow, ODataSlimResponse } from "../generated/operations.js";
import { UserApiResponseError, preview, type UserApiErrorDetails } from "./errors.js";
import { createRedactor, type Redactor } from "./redact.js";

/** Fetches one page with the given arguments (a bound operation call). */
export type PageFetcher = (args: { query?: Record<string, unknown> }) => Promise<ODataSlimResponse | undefined>;

/** The error for a page whose next link cannot be followed; the link came from the server, so it is redacted. */
function linkError(link: string, problem: string, details: UserApiErrorDetails, redact: Redactor): UserApiResponseError {
  return new UserApiResponseError({ status: 200, contentType: "application/json", received: preview(redact(link)), problem }, details);
}

/**
 * The query of a next link, or a UserApiResponseError when the link leaves the list: another origin
 * (credentials must not follow it) or another path.
 */
export function nextLinkQuery(
  link: string,
  baseUrl: string,
  path: string,
  details: UserApiErrorDetails,
  redact: Redactor = (text) => text,
): Record<string, string> {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    url = new URL("invalid:");
  }
  const expectedPath = `${base.pathname.replace(/\/$/, "")}${path}`.toLowerCase();
  if (url.origin !== base.origin || url.pathname.toLowerCase() !== expectedPath) {
    throw linkError(link, `odata.nextLink does not point to ${base.origin}${expectedPath}; not followed`, details, redact);
  }
  return Object.fromEntries(url.searchParams);
}

/** Yields every row of every page, first page from `args`, later ones from each page's next link. */
export async function* followNextLinks(
  fetchPage: PageFetcher,
  args: { query?: Record<string, unknown>; select?: readonly string[] },
  baseUrl: string,
  details: UserApiErrorDetails & { path: string },
  /** The client's secrets, kept out of errors that quote a next link. */
  secrets: readonly string[] = [],
): AsyncGenerator<ArchiveRow, void, undefined> {
  const redact = createRedactor(secrets);
  const followed = new Set<string>();
  let pageArgs: { query?: Record<string, unknown> } = args;
  for (;;) {
    const page = await fetchPage(pageArgs);
    yield* page?.value ?? [];
    const link = page?.["odata.nextLink"];
    if (!link) return;
    if (followed.has(link)) throw linkError(link, "odata.nextLink repeats an earlier page; stopped to avoid a loop", details, redact);
    followed.add(link);
    pageArgs = { query: nextLinkQuery(link, baseUrl, details.path, details, redact) };
  }
}
