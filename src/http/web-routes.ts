// Every HTML route in one table, grouped by page, literal paths before parameterised ones.
// Each route says who may reach it: public, user (log in first) or admin.
import * as admin from "../domains/admin/admin.web.js";
import * as tokens from "../domains/api-tokens/api-token.web.js";
import * as blocklist from "../domains/blocklist/blocklist.web.js";
import * as savedFilters from "../domains/saved-filters/saved-filter.web.js";
import * as account from "../domains/users/account.web.js";
import * as pseuds from "../domains/users/pseud.web.js";
import * as preferences from "../domains/users/preference.web.js";
import * as chapters from "../domains/chapters/chapter.web.js";
import * as imports from "../domains/import/import.web.js";
import * as search from "../domains/search/work-search.web.js";
import * as series from "../domains/series/series.web.js";
import * as tagPages from "../domains/tags/tag.web.js";
import * as listings from "../domains/works/work-listing.web.js";
import * as works from "../domains/works/work.web.js";
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
  { method: "GET", url: "/account/preferences", access: "user", handler: preferences.showPreferences },
  { method: "POST", url: "/account/preferences", access: "user", handler: preferences.updatePreferences },
  { method: "GET", url: "/account/filters", access: "user", handler: savedFilters.showSavedFiltersPage },
  { method: "POST", url: "/account/filters", access: "user", handler: savedFilters.createSavedFilter },
  { method: "POST", url: "/account/filters/:id", access: "user", handler: savedFilters.updateSavedFilter },
  {
    method: "POST",
    url: "/account/filters/:id/delete",
    access: "user",
    handler: savedFilters.deleteSavedFilter,
  },
  { method: "GET", url: "/account/blocklist", access: "user", handler: blocklist.showBlocklistPage },
  { method: "POST", url: "/account/blocklist", access: "user", handler: blocklist.addToBlocklist },
  {
    method: "POST",
    url: "/account/blocklist/remove",
    access: "user",
    handler: blocklist.removeFromBlocklist,
  },
  { method: "GET", url: "/account/delete", access: "user", handler: account.showDeleteAccountForm },
  { method: "POST", url: "/account/delete", access: "user", handler: account.deleteAccount },

  // Works: posting, reading, editing, removing.
  { method: "GET", url: "/works", access: "public", handler: listings.showAllWorks },
  { method: "GET", url: "/works/search", access: "public", handler: search.showAdvancedSearch },
  { method: "GET", url: "/languages/:language/works", access: "public", handler: listings.showLanguageWorks },
  { method: "GET", url: "/works/new", access: "user", handler: works.showNewWorkForm },
  { method: "GET", url: "/works/import", access: "user", handler: imports.showImportPage },
  {
    method: "POST",
    url: "/works/import",
    access: "user",
    handler: imports.importWorks,
    upload: imports.uploadLimits,
  },
  { method: "POST", url: "/works", access: "user", handler: works.createWork },
  { method: "GET", url: "/works/:id", access: "public", handler: works.showWork },
  { method: "POST", url: "/works/:id", access: "user", handler: works.updateWork },
  { method: "GET", url: "/works/:id/edit", access: "user", handler: works.showEditWorkForm },
  { method: "POST", url: "/works/:id/post", access: "user", handler: works.postDraftWork },
  { method: "GET", url: "/works/:id/navigate", access: "public", handler: works.showChapterIndex },
  { method: "GET", url: "/works/:id/delete", access: "user", handler: works.confirmDeleteWork },
  { method: "POST", url: "/works/:id/delete", access: "user", handler: works.deleteWork },
  { method: "GET", url: "/works/:id/orphan", access: "user", handler: works.confirmOrphanWork },
  { method: "POST", url: "/works/:id/orphan", access: "user", handler: works.orphanWork },
  { method: "GET", url: "/reading/size", access: "public", handler: works.setReadingSize },

  // Chapters.
  { method: "GET", url: "/works/:id/chapters/new", access: "user", handler: chapters.showNewChapterForm },
  { method: "POST", url: "/works/:id/chapters", access: "user", handler: chapters.createChapter },
  { method: "GET", url: "/works/:id/chapters/manage", access: "user", handler: chapters.showManageChapters },
  { method: "POST", url: "/works/:id/chapters/manage", access: "user", handler: chapters.reorderChapters },
  { method: "GET", url: "/works/:id/chapters/:chapterId", access: "public", handler: works.showChapter },
  { method: "POST", url: "/works/:id/chapters/:chapterId", access: "user", handler: chapters.updateChapter },
  {
    method: "GET",
    url: "/works/:id/chapters/:chapterId/edit",
    access: "user",
    handler: chapters.showEditChapterForm,
  },
  {
    method: "GET",
    url: "/works/:id/chapters/:chapterId/delete",
    access: "user",
    handler: chapters.confirmDeleteChapter,
  },
  {
    method: "POST",
    url: "/works/:id/chapters/:chapterId/delete",
    access: "user",
    handler: chapters.deleteChapter,
  },

  // Series.
  { method: "GET", url: "/series/:id", access: "public", handler: series.showSeries },
  { method: "GET", url: "/series/:id/works", access: "public", handler: listings.showSeriesWorks },
  { method: "POST", url: "/series/:id", access: "user", handler: series.updateSeries },
  { method: "GET", url: "/series/:id/edit", access: "user", handler: series.showEditSeriesForm },
  { method: "GET", url: "/series/:id/manage", access: "user", handler: series.showManageSeries },
  { method: "POST", url: "/series/:id/manage", access: "user", handler: series.reorderSeries },

  // Tags.
  { method: "GET", url: "/tags/autocomplete", access: "public", handler: listings.autocompleteTags },
  { method: "GET", url: "/tags/search", access: "public", handler: tagPages.showTagSearch },
  { method: "GET", url: "/tags/:tag", access: "public", handler: tagPages.showTagPage },
  { method: "GET", url: "/tags/:tag/works", access: "public", handler: listings.showTagWorks },

  // Profiles and pseuds.
  { method: "GET", url: "/users/:username", access: "public", handler: pseuds.showProfilePage },
  { method: "GET", url: "/users/:username/works", access: "public", handler: listings.showUserWorks },
  { method: "GET", url: "/users/:username/works/drafts", access: "user", handler: listings.showDrafts },
  { method: "GET", url: "/users/:username/pseuds", access: "public", handler: pseuds.showPseudsPage },
  { method: "POST", url: "/users/:username/pseuds", access: "user", handler: pseuds.createPseud },
  { method: "GET", url: "/users/:username/pseuds/new", access: "user", handler: pseuds.showNewPseudForm },
  { method: "GET", url: "/users/:username/pseuds/:pseud", access: "public", handler: pseuds.showPseudPage },
  { method: "POST", url: "/users/:username/pseuds/:pseud", access: "user", handler: pseuds.updatePseud },
  {
    method: "GET",
    url: "/users/:username/pseuds/:pseud/works",
    access: "public",
    handler: listings.showPseudWorks,
  },
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
  { method: "POST", url: "/admin/tags/:tag/canonical", access: "admin", handler: tagPages.setCanonical },
  { method: "POST", url: "/admin/tags/:tag/synonym", access: "admin", handler: tagPages.makeSynonym },
  {
    method: "POST",
    url: "/admin/tags/:tag/synonym/remove",
    access: "admin",
    handler: tagPages.removeSynonym,
  },
  { method: "POST", url: "/admin/tags/:tag/meta", access: "admin", handler: tagPages.addMetaTag },
  { method: "POST", url: "/admin/tags/:tag/meta/remove", access: "admin", handler: tagPages.removeMetaTag },
  { method: "POST", url: "/admin/tags/:tag/parents", access: "admin", handler: tagPages.addParent },
  { method: "POST", url: "/admin/tags/:tag/parents/remove", access: "admin", handler: tagPages.removeParent },
];
