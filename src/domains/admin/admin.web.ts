// Page handlers for /admin.
import { h } from "preact";
import { sendPage } from "../../http/render.js";
import type { Handler } from "../../http/route.js";
import { adminOverview, listNewestUsers } from "./admin.service.js";
import { AdminDashboard, AdminUsersPage } from "./views/admin-pages.js";

export const showAdminDashboard: Handler = async (ctx, request, reply) => {
  const { userCount } = await adminOverview(ctx, request.actor);
  return sendPage(
    request,
    reply,
    "Admin",
    h(AdminDashboard, { userCount, dialect: ctx.dialect, signupOpen: ctx.config.signupOpen }),
  );
};

export const showAdminUsersPage: Handler = async (ctx, request, reply) =>
  sendPage(
    request,
    reply,
    "Accounts",
    h(AdminUsersPage, { users: await listNewestUsers(ctx, request.actor) }),
  );
