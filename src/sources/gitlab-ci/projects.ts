/** GitLab listings: offset pages under the page guard, and the projects a `GROUP[/PROJECT]` spec names. */
import { PageGuard } from "../shared/http.js";
import type { GitLabApi } from "./client.js";

interface Paged<T> {
  data: T[];
  paginationInfo: { next: number | null };
}

/** A project as GitLab lists it (the fields residue reads). */
export interface GitLabProject {
  id: number;
  path_with_namespace: string;
  web_url?: string;
  http_url_to_repo?: string;
  archived?: boolean;
  forked_from_project?: unknown;
}

/** Pages of an offset-paged GitLab listing, guarded against a page number that repeats. */
export async function* pages<T>(fetchPage: (page: number) => Promise<unknown>): AsyncGenerator<T[]> {
  const guard = new PageGuard();
  for (let page: number | undefined = 1; page; ) {
    const r = (await fetchPage(page)) as Paged<T>;
    yield r.data;
    const next = r.paginationInfo.next;
    page = next ? Number(guard.next(String(next))) : undefined;
  }
}

/**
 * The project itself, or every project of the group and its subgroups (not projects merely shared
 * with it); a failed call is handed to `fail` and ends the listing.
 */
export async function* projectsOf(
  gl: GitLabApi,
  spec: string,
  fail: (err: unknown) => void,
): AsyncGenerator<GitLabProject> {
  const { api } = gl;
  try {
    yield (await api.Projects.show(spec)) as unknown as GitLabProject;
    return;
  } catch (err) {
    if ((err as { status?: number }).status !== 404) return fail(err);
  }
  try {
    const opts = {
      includeSubgroups: true,
      withShared: false,
      perPage: 100,
      maxPages: 1,
      showExpanded: true as const,
    };
    for await (const list of pages<GitLabProject>((page) => api.Groups.allProjects(spec, { ...opts, page })))
      yield* list;
  } catch (err) {
    fail(err);
  }
}
