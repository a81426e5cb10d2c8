/**
 * With `?issues=true`, the tickets of one GitLab project: each issue's and merge request's title
 * and description and every note on it (comments and diff discussions; system notes are
 * GitLab's own words and are left out), each a text item linked to what a person opens. Issues
 * and merge requests are listed by `updated_after`; their notes are read in full and kept from
 * `since` on (a new note updates its issue).
 */
import type { Item, ProvenanceOf, SourceContext } from "../../types.js";
import type { GitLabApi } from "../gitlab-ci/client.js";
import { pages } from "../gitlab-ci/projects.js";

interface Ticket {
  iid: number;
  title?: string | null;
  description?: string | null;
  web_url: string;
}

interface Note {
  id: number;
  body?: string | null;
  system?: boolean;
  updated_at?: string;
}

type Place = Omit<ProvenanceOf<"gitlab">, "source" | "project">;

/** What reading one project's tickets needs. */
export interface TicketRead {
  gl: GitLabApi;
  ctx: SourceContext;
  since?: string;
  fail(err: unknown): void;
}

const PAGING = { perPage: 100, maxPages: 1, showExpanded: true as const };

function textItem(
  ctx: SourceContext,
  project: string,
  text: string | null | undefined,
  place: Place,
): Item[] {
  if (!text) return [];
  ctx.count({ items: 1, bytes: Buffer.byteLength(text) });
  const which = place.issue !== undefined ? `#${place.issue}` : `!${place.mergeRequest}`;
  const id = `${project}${which} ${place.field}${place.comment ? ` ${place.comment}` : ""}`;
  return [{ id, text, provenance: { source: "gitlab", project, ...place } }];
}

/** The notes of one issue or merge request kept from `since` on. */
async function* noteItems(
  r: TicketRead,
  project: string,
  t: Ticket,
  at: Place,
  list: (page: number) => Promise<unknown>,
): AsyncGenerator<Item> {
  try {
    for await (const notes of pages<Note>(list))
      for (const n of notes) {
        if (n.system || (r.since && (n.updated_at ?? "") < r.since)) continue;
        const place = { ...at, comment: String(n.id), field: "note", uri: `${t.web_url}#note_${n.id}` };
        yield* textItem(r.ctx, project, n.body, place);
      }
  } catch (err) {
    r.fail(err);
  }
}

/** The issues, merge requests and notes of `project` (`group/name`). */
export async function* ticketItems(r: TicketRead, project: string): AsyncGenerator<Item> {
  const { api } = r.gl;
  const query = { projectId: project, ...(r.since && { updatedAfter: r.since }), ...PAGING };
  const kinds = [
    {
      key: "issue" as const,
      list: (page: number) => api.Issues.all({ ...query, page }),
      notes: (iid: number) => (page: number) => api.IssueNotes.all(project, iid, { ...PAGING, page }),
    },
    {
      key: "mergeRequest" as const,
      list: (page: number) => api.MergeRequests.all({ ...query, page }),
      notes: (iid: number) => (page: number) => api.MergeRequestNotes.all(project, iid, { ...PAGING, page }),
    },
  ];
  for (const kind of kinds) {
    try {
      for await (const list of pages<Ticket>(kind.list))
        for (const t of list) {
          const at = { [kind.key]: t.iid, uri: t.web_url };
          yield* textItem(r.ctx, project, t.title, { ...at, field: "title" });
          yield* textItem(r.ctx, project, t.description, { ...at, field: "description" });
          yield* noteItems(r, project, t, at, kind.notes(t.iid));
        }
    } catch (err) {
      r.fail(err);
    }
  }
}
