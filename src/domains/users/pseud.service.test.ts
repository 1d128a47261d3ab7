import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildPseud, buildUser } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { guest } from "../actor.js";
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import * as pseuds from "./pseud.service.js";

describe.each(dialects)("pseuds on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("adds a pseud, listed after the default", async () => {
    const user = await buildUser(t.ctx);
    await pseuds.addPseud(t.ctx, actorFor(user), {
      name: "Quiet Writer",
      description: "Mostly hurt/comfort.",
    });
    const list = await pseuds.listPseuds(t.ctx, user.id);
    expect(list.map((p) => [p.name, p.isDefault])).toEqual([
      [user.username, true],
      ["Quiet Writer", false],
    ]);
    expect(list[1]!.description).toBe("Mostly hurt/comfort.");
  });

  it("refuses a second pseud with the same name in any case, but another user may use it", async () => {
    const user = await buildUser(t.ctx);
    await pseuds.addPseud(t.ctx, actorFor(user), { name: "Moth" });
    const err = await errorOf(pseuds.addPseud(t.ctx, actorFor(user), { name: "MOTH" }));
    expect((err as Invalid).fields).toEqual({ name: pseuds.messages.nameTaken });
    const other = await buildUser(t.ctx);
    await pseuds.addPseud(t.ctx, actorFor(other), { name: "Moth" });
  });

  it("renames a pseud, refusing a name the user already has", async () => {
    const user = await buildUser(t.ctx);
    const pseud = await buildPseud(t.ctx, user, "Old Name");
    await buildPseud(t.ctx, user, "Taken Name");
    const renamed = await pseuds.editPseud(t.ctx, actorFor(user), pseud, {
      name: "New Name",
      description: "hi",
    });
    expect(renamed).toMatchObject({ name: "New Name", description: "hi" });
    const clash = await errorOf(pseuds.editPseud(t.ctx, actorFor(user), renamed, { name: "taken name" }));
    expect((clash as Invalid).fields).toEqual({ name: pseuds.messages.nameTaken });
  });

  it("switches the default, keeping exactly one", async () => {
    const user = await buildUser(t.ctx);
    const pseud = await buildPseud(t.ctx, user);
    await pseuds.makeDefaultPseud(t.ctx, actorFor(user), pseud);
    const list = await pseuds.listPseuds(t.ctx, user.id);
    expect(list.filter((p) => p.isDefault).map((p) => p.id)).toEqual([pseud.id]);
  });

  it("deletes a pseud, but never the default nor the last one", async () => {
    const user = await buildUser(t.ctx);
    const [original] = await pseuds.listPseuds(t.ctx, user.id);
    const extra = await buildPseud(t.ctx, user);
    expect(((await errorOf(pseuds.deletePseud(t.ctx, actorFor(user), original!))) as Invalid).fields).toEqual(
      { pseud: pseuds.messages.defaultPseud },
    );
    await pseuds.deletePseud(t.ctx, actorFor(user), extra);
    expect(((await errorOf(pseuds.deletePseud(t.ctx, actorFor(user), original!))) as Invalid).fields).toEqual(
      { pseud: pseuds.messages.lastPseud },
    );
    expect(await pseuds.listPseuds(t.ctx, user.id)).toHaveLength(1);
  });

  it("lets no one else change or delete a user's pseud", async () => {
    const owner = await buildUser(t.ctx);
    const intruder = await buildUser(t.ctx);
    const pseud = await buildPseud(t.ctx, owner, "Mine");
    expect(
      await errorOf(pseuds.editPseud(t.ctx, actorFor(intruder), pseud, { name: "Stolen" })),
    ).toBeInstanceOf(Forbidden);
    expect(await errorOf(pseuds.deletePseud(t.ctx, actorFor(intruder), pseud))).toBeInstanceOf(Forbidden);
    expect(await errorOf(pseuds.makeDefaultPseud(t.ctx, guest, pseud))).toBeInstanceOf(Forbidden);
    expect(
      await errorOf(pseuds.findOwnPseudById(t.ctx, actorFor(intruder), pseud.id, "edit")),
    ).toBeInstanceOf(NotFound);
    expect((await pseuds.findPseudOrFail(t.ctx, owner.id, "mine")).name).toBe("Mine");
  });

  it("keeps to the per-user pseud limit from the config", async () => {
    const user = await buildUser(t.ctx);
    const ctx = { ...t.ctx, config: { ...t.ctx.config, pseudsPerUser: 2 } };
    await pseuds.addPseud(ctx, actorFor(user), { name: "Second" });
    expect(
      ((await errorOf(pseuds.addPseud(ctx, actorFor(user), { name: "Third" }))) as Invalid).fields.name,
    ).toContain("at most 2");
  });
});
