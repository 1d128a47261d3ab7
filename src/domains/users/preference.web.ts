// Page handlers for the reader's preferences (/account/preferences).
import { h } from "preact";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formValues, formBody, type Handler } from "../../http/route.js";
import { preferencesOf, savePreferences } from "./preference.service.js";
import { PreferencesPage } from "./views/preferences-page.js";

export const showPreferences: Handler = async (ctx, request, reply) =>
  sendPage(
    request,
    reply,
    "Preferences",
    h(PreferencesPage, { preferences: await preferencesOf(ctx, request.actor) }),
  );

export const updatePreferences: Handler = async (ctx, request, reply) => {
  await savePreferences(ctx, request.actor, formValues(formBody(request)));
  return redirectWithFlash(request, reply, "/account/preferences", "Your preferences were saved.");
};
