/**
 * Issue attachments as items, shared by the API (downloaded) and export (files beside the JSON)
 * sources: text files, archives and HAR captures; the content layer decides what each holds.
 */
import { isContainer } from "../../content/kind.js";
import type { ByteItem } from "../../types.js";
import type { JiraChunkContext, JiraIssue } from "./issue.js";

/** An attachment as the REST API describes it. */
export interface Attachment {
  id?: string;
  filename?: string;
  mimeType?: string;
  size?: number;
  content?: string;
}

const TEXT = /^(text\/|application\/(json|xml|x-yaml|yaml|javascript|x-sh|sql|toml|x-properties))/;
const TEXT_EXT = /\.(txt|log|env|json|ya?ml|xml|cfg|conf|ini|properties|sh|sql|toml|pem|key|csv|md)$/i;

/** The attachments of an issue. */
export function attachmentsOf(issue: JiraIssue): Attachment[] {
  const list = issue.fields?.attachment;
  return Array.isArray(list) ? (list as Attachment[]) : [];
}

/** True for an attachment worth reading: text, an archive or a HAR. */
export function isReadable(a: Attachment): boolean {
  return (
    TEXT.test(a.mimeType ?? "") || TEXT_EXT.test(a.filename ?? "") || isContainer(a.filename, a.mimeType)
  );
}

/** An attachment's bytes (in memory or a file on disk) as an item of its issue. */
export function attachmentItem(
  issue: JiraIssue,
  a: Attachment,
  cx: JiraChunkContext,
  bytes: Pick<ByteItem, "bytes" | "file" | "size">,
): ByteItem {
  const name = a.filename ?? a.id ?? "attachment";
  return {
    id: `${issue.key}/attachment/${a.id ?? name}`,
    name,
    provenance: {
      source: cx.source,
      issue: issue.key,
      field: "attachment",
      attachment: name,
      uri: a.content ?? `${cx.site}/browse/${issue.key}`,
    },
    ...bytes,
  };
}
