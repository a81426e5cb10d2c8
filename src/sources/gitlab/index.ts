/**
 * The `gitlab:GROUP[/PROJECT]` source: the projects of a group and its subgroups (or one), each
 * one's whole history read as `git:` reads it from a temporary bare mirror cloned with the token
 * in a header (shared/org-history.ts), and with `issues=true` its issues, merge requests and
 * notes (notes.ts). Forks, archived ones and the resume point: shared/org-source.ts.
 */
import type { SourceContext } from "../../types.js";
import type { Target } from "../descriptor.js";
import { type GitLabApi, gitLabApi, gitLabReason } from "../gitlab-ci/client.js";
import { projectsOf } from "../gitlab-ci/projects.js";
import { httpPolicy } from "../shared/http.js";
import { basicAuth } from "../shared/mirror.js";
import type { HostLinks, OrgOptions } from "../shared/org-history.js";
import type { OrgQuery } from "../shared/org-query.js";
import { type ListedRepo, type OrgHost, orgSource } from "../shared/org-source.js";
import { ticketItems } from "./notes.js";

const path = (p: string) => p.split("/").map(encodeURIComponent).join("/");

/** GitLab's web links (gitlab.com and self-managed). */
export const GITLAB_LINKS: HostLinks = {
  blob: (web, commit, file, line) => `${web}/-/blob/${commit}/${path(file)}${line ? `#L${line}` : ""}`,
  commit: (web, sha) => `${web}/-/commit/${sha}`,
  tag: (web, tag) => `${web}/-/tags/${encodeURIComponent(tag)}`,
};

/** GitLab as an organization host. */
const GITLAB: OrgHost<GitLabApi> = {
  prefix: "gitlab",
  key: "project",
  links: GITLAB_LINKS,
  connect: (env, signal) => gitLabApi(env, httpPolicy(env), signal),
  missing: "GITLAB_TOKEN is not set; give a token with read_api and read_repository",
  reason: (err) => gitLabReason(err).reason,
  async *repos(gl, spec, fail) {
    // GitLab takes any user name with a personal, project or group access token
    const auth = basicAuth("oauth2", gl.token);
    const hosts = [new URL(gl.host).host];
    for await (const p of projectsOf(gl, spec, fail)) {
      const web = p.web_url ?? `${gl.host}/${p.path_with_namespace}`;
      const clone = { url: p.http_url_to_repo ?? `${web}.git`, auth, hosts };
      const fork = p.forked_from_project !== undefined && p.forked_from_project !== null;
      yield { name: p.path_with_namespace, web, clone, fork, archived: p.archived } satisfies ListedRepo;
    }
  },
  tickets: (gl, repo, since, ctx, fail) => ticketItems({ gl, ctx, since, fail }, repo.name),
};

/** The GitLab projects source. */
export function gitlabSource(target: Target<OrgQuery>, options: OrgOptions, ctx: SourceContext) {
  return orgSource(GITLAB, target, options, ctx);
}
