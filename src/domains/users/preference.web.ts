// Page handlers for the reader's preferences (/account/preferences).
import { h } from "preact";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formValues, formBody, orFormAgain, type Handler } from "../../http/route.js";
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
  const values = formValues(formBody(request));
  const saved = await orFormAgain(
    () => savePreferences(ctx, request.actor, values),
    (e) =>
      sendPage(
        request,
        reply,
        "Preferences",
        h(PreferencesPage, {
          // The boxes as they were ticked (the form sends a ticked box as "on").
          preferences: {
            viewAdult: values.view_adult === "on",
            viewFullWorks: values.view_full_works === "on",
          },
          errors: e.fields,
        }),
        422,
      ),
  );
  if (!saved) return reply;
  return redirectWithFlash(request, reply, "/account/preferences", "Your preferences were saved.");
};
