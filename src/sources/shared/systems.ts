/** Systems that two sources share (an API and its export, history and the staged change). */
import type { SystemInfo } from "../descriptor.js";

/** A git repository. */
export const REPOSITORY: SystemInfo = {
  kind: "repository",
  purge:
    "rewrite git history (git filter-repo --replace-text), force-push every ref, and ask the host to drop cached views and pull-request refs",
};

/** A Slack conversation. */
export const SLACK_CHANNEL: SystemInfo = {
  kind: "Slack channel",
  purge: "delete the Slack message (and its thread replies and file uploads holding it)",
};

/** A Jira project. */
export const JIRA_PROJECT: SystemInfo = {
  kind: "Jira project",
  purge: "edit the Jira field or comment, and purge it from the issue history (changelog)",
};
