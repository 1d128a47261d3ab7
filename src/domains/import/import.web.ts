// Page handlers for /works/import: the form, and the upload. Each file is imported on its own as it
// arrives (one transaction each), so one bad file never stops the others; the page then lists what
// became of every file.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import type { Config } from "../../config/config.js";
import { sendPage } from "../../http/render.js";
import { uploadedParts, type Handler, type UploadLimits } from "../../http/route.js";
import { Invalid, type FieldErrors } from "../../lib/errors.js";
import type { Ctx } from "../context.js";
import { listPseuds } from "../users/pseud.service.js";
import { userWorksPath } from "../works/views/paths.js";
import { checkImportPseud, failureReason, importFile } from "./import.service.js";
import { ImportPage, ImportResultsPage, type ImportRowView } from "./views/import-page.js";
import { megabytes } from "./zip.js";

export const messages = {
  noFiles: "Choose at least one file to import.",
  tooLarge: (max: number) => `the file is over the ${megabytes(max)} limit (QUIRE_IMPORT_MAX_BYTES)`,
  broke: "Something broke while importing this file. It has been logged.",
};

/** The upload's limits: each file at most importMaxBytes, at most importFilesPerUpload files. */
export function uploadLimits(config: Config): UploadLimits {
  return { fileSize: config.importMaxBytes, files: config.importFilesPerUpload };
}

type ImportValues = { pseud_id?: string; post?: string };

async function formPage(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  values: ImportValues,
  errors?: FieldErrors,
) {
  const pseuds = request.actor.kind === "user" ? await listPseuds(ctx, request.actor.user.id) : [];
  return sendPage(
    request,
    reply,
    "Import works",
    h(ImportPage, { pseuds, values, errors, limits: uploadLimits(ctx.config) }),
    errors ? 422 : 200,
  );
}

export const showImportPage: Handler = (ctx, request, reply) => formPage(ctx, request, reply, {});

export const importWorks: Handler = async (ctx, request, reply) => {
  const actor = request.actor;
  const values: ImportValues = {};
  const rows: ImportRowView[] = [];
  let pseudChecked = false;
  let tooManyFiles: number | undefined;
  // The form sends its fields before its files (they come first on the page), so the pseud and
  // "post at once" are known by the time the first file arrives.
  for await (const part of uploadedParts(request)) {
    if (part.type === "too-many-files") {
      tooManyFiles = ctx.config.importFilesPerUpload;
      break;
    }
    if (part.type === "field") {
      if (part.name === "pseud_id" || part.name === "post") values[part.name] = part.value;
      continue;
    }
    // A file input left empty still sends one part, with no name and no bytes.
    if (part.fileName === "" && part.bytes.length === 0) continue;
    if (!pseudChecked) {
      try {
        await checkImportPseud(ctx, actor, values.pseud_id);
      } catch (err) {
        if (err instanceof Invalid) return formPage(ctx, request, reply, values, err.fields);
        throw err;
      }
      pseudChecked = true;
    }
    const fileName = part.fileName || "(no name)";
    if (part.truncated) {
      rows.push({ fileName, status: "failed", reason: messages.tooLarge(ctx.config.importMaxBytes) });
      continue;
    }
    try {
      const outcome = await importFile(
        ctx,
        actor,
        { fileName, bytes: part.bytes },
        { pseudId: values.pseud_id || undefined, post: values.post === "on" },
      );
      rows.push({ fileName, ...outcome });
    } catch (err) {
      const reason = failureReason(err);
      if (reason === undefined) request.log.error({ err, file: fileName }, "import failed");
      rows.push({ fileName, status: "failed", reason: reason ?? messages.broke });
    }
  }
  if (rows.length === 0) return formPage(ctx, request, reply, values, { files: messages.noFiles });
  const username = actor.kind === "user" ? actor.user.username : "";
  return sendPage(
    request,
    reply,
    "Import results",
    h(ImportResultsPage, { rows, tooManyFiles, draftsPath: `${userWorksPath(username)}/drafts` }),
  );
};
