// Every HTML route in one table, grouped by page, literal paths before parameterised ones.
// Each route says who may reach it: public, user (log in first) or admin.
import * as admin from "../domains/admin/admin.web.js";
import * as tokens from "../domains/api-tokens/api-token.web.js";
import * as account from "../domains/users/account.web.js";
import * as pseuds from "../domains/users/pseud.web.js";
import { h } from "preact";
import { sendPage } from "./render.js";
import type { WebRoute } from "./route.js";
import { HomePage, TermsPage } from "./views/home-page.js";

export const webRoutes: WebRoute[] = [
  // Front pages.
  {
    method: "GET",
    url: "/",
    access: "public",
    handler: (_c, req, rep) => sendPage(req, rep, "Home", h(HomePage, {})),
  },
  {
    method: "GET",
    url: "/terms",
    access: "public",
    handler: (_c, req, rep) => sendPage(req, rep, "Terms of Service", h(TermsPage, {})),
  },

  // Signing up, in and out.
  { method: "GET", url: "/signup", access: "public", handler: account.showSignUpForm },
  { method: "POST", url: "/signup", access: "public", handler: account.createAccount },
  { method: "GET", url: "/login", access: "public", handler: account.showLogInForm },
  { method: "POST", url: "/login", access: "public", handler: account.logIn },
  { method: "POST", url: "/logout", access: "public", handler: account.logOut },

  // Forgotten passwords.
  { method: "GET", url: "/password/forgot", access: "public", handler: account.showForgotPasswordForm },
  { method: "POST", url: "/password/forgot", access: "public", handler: account.requestPasswordReset },
  { method: "GET", url: "/password/reset/:token", access: "public", handler: account.showResetPasswordForm },
  { method: "POST", url: "/password/reset/:token", access: "public", handler: account.resetPassword },

  // The account area.
  { method: "GET", url: "/account", access: "user", handler: account.showAccountPage },
  { method: "GET", url: "/account/password", access: "user", handler: account.showChangePasswordForm },
  { method: "POST", url: "/account/password", access: "user", handler: account.changePassword },
  { method: "GET", url: "/account/email", access: "user", handler: account.showChangeEmailForm },
  { method: "POST", url: "/account/email", access: "user", handler: account.changeEmail },
  { method: "GET", url: "/account/tokens", access: "user", handler: tokens.showApiTokensPage },
  { method: "POST", url: "/account/tokens", access: "user", handler: tokens.createApiToken },
  { method: "POST", url: "/account/tokens/:id/revoke", access: "user", handler: tokens.revokeApiToken },
  { method: "GET", url: "/account/delete", access: "user", handler: account.showDeleteAccountForm },
  { method: "POST", url: "/account/delete", access: "user", handler: account.deleteAccount },

  // Profiles and pseuds.
  { method: "GET", url: "/users/:username", access: "public", handler: pseuds.showProfilePage },
  { method: "GET", url: "/users/:username/pseuds", access: "public", handler: pseuds.showPseudsPage },
  { method: "POST", url: "/users/:username/pseuds", access: "user", handler: pseuds.createPseud },
  { method: "GET", url: "/users/:username/pseuds/new", access: "user", handler: pseuds.showNewPseudForm },
  { method: "GET", url: "/users/:username/pseuds/:pseud", access: "public", handler: pseuds.showPseudPage },
  { method: "POST", url: "/users/:username/pseuds/:pseud", access: "user", handler: pseuds.updatePseud },
  {
    method: "GET",
    url: "/users/:username/pseuds/:pseud/edit",
    access: "user",
    handler: pseuds.showEditPseudForm,
  },
  {
    method: "POST",
    url: "/users/:username/pseuds/:pseud/default",
    access: "user",
    handler: pseuds.makeDefaultPseud,
  },
  {
    method: "GET",
    url: "/users/:username/pseuds/:pseud/delete",
    access: "user",
    handler: pseuds.confirmDeletePseud,
  },
  {
    method: "POST",
    url: "/users/:username/pseuds/:pseud/delete",
    access: "user",
    handler: pseuds.deletePseud,
  },

  // The admin area.
  { method: "GET", url: "/admin", access: "admin", handler: admin.showAdminDashboard },
  { method: "GET", url: "/admin/users", access: "admin", handler: admin.showAdminUsersPage },
];
