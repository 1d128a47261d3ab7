import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildUser, buildWork, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import { guest, type Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import { tagNameKey } from "../tags/tag-name.js";
import { findTagByKey } from "../tags/tag.repo.js";
import type { Tag } from "../tags/tag.js";
import { makeCanonical, makeSynonym } from "../tags/wrangling.service.js";
import { blockedNumbers, blocklistOf } from "./blocklist-entry.repo.js";
import * as blocklist from "./blocklist.service.js";

describe.each(dialects)("blocklists on %s", (dialect) => {
  let t: TestApp;
  let admin: Actor;
  let writer: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = actorFor(await buildUser(t.ctx, { isAdmin: true }));
    writer = await buildUser(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  const fieldsOf = async (p: Promise<unknown>) => {
    const err = await errorOf(p);
    expect(err).toBeInstanceOf(Invalid);
    return (err as Invalid).fields;
  };

  async function reader() {
    const user = await buildUser(t.ctx);
    return { user, actor: actorFor(user) };
  }

  async function tagNamed(name: string): Promise<Tag> {
    const tag = await findTagByKey(t.ctx.db, tagNameKey(name));
    if (!tag) throw new Error(`no tag ${name}`);
    return tag;
  }

  it("blocks a tag in any case, listed with its name, once", async () => {
    const { actor } = await reader();
    const name = `Angst ${unique()}`;
    await buildWork(t.ctx, writer, { freeforms: name });
    const first = await blocklist.blockTag(t.ctx, actor, name.toUpperCase());
    expect(first).toMatchObject({ added: true, item: { kind: "tag", name, synonymOf: null } });
    const again = await blocklist.blockTag(t.ctx, actor, name);
    expect(again.added).toBe(false);
    const list = await blocklist.listBlocklist(t.ctx, actor);
    expect(list.tags.map((i) => i.name)).toEqual([name]);
    expect(list.count).toBe(1);
    expect(list.max).toBe(t.ctx.config.blocklistMax);
  });

  it("blocks several tags at once, or none when one is unknown", async () => {
    const { user, actor } = await reader();
    const [a, b] = [`Tag A ${unique()}`, `Tag B ${unique()}`];
    await buildWork(t.ctx, writer, { freeforms: `${a}, ${b}` });
    const fields = await fieldsOf(
      blocklist.addToBlocklist(t.ctx, actor, { kind: "tag", name: `${a}, No Such Tag ${unique()}` }),
    );
    expect(fields.name).toMatch(/^We couldn't find a tag called “No Such Tag/);
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
    const results = await blocklist.addToBlocklist(t.ctx, actor, { kind: "tag", name: `${a}, ${b}, ` });
    expect(results.map((r) => [r.item.name, r.added])).toEqual([
      [a, true],
      [b, true],
    ]);
  });

  it("stores a blocked synonym as itself; listings hide its canonical tag's works", async () => {
    const { user, actor } = await reader();
    const [canonicalName, synonymName] = [`Canon ${unique()}`, `Syn ${unique()}`];
    await buildWork(t.ctx, writer, { freeforms: `${canonicalName}, ${synonymName}` });
    const canonical = await tagNamed(canonicalName);
    const synonym = await tagNamed(synonymName);
    await makeCanonical(t.ctx, admin, canonical.id, true);
    await makeSynonym(t.ctx, admin, synonym.id, canonicalName);
    const { item } = await blocklist.blockTag(t.ctx, actor, synonymName);
    expect(item).toMatchObject({ targetId: synonym.id, name: synonymName, synonymOf: canonicalName });
    expect((await blocklistOf(t.ctx.db, user.id)).map((r) => r.target_id)).toEqual([synonym.id]);
    expect((await blockedNumbers(t.ctx.db, user.id)).tagNums).toEqual([canonical.num]);
    expect((await blocklist.listBlocklist(t.ctx, actor)).tags[0]).toMatchObject({ synonymOf: canonicalName });
  });

  it("names the field when a tag, creator or work is unknown, and keeps a draft-only tag private", async () => {
    const { actor } = await reader();
    expect(await fieldsOf(blocklist.blockTag(t.ctx, actor, "Nothing Like This"))).toEqual({
      name: blocklist.messages.unknownTags(["Nothing Like This"]),
    });
    expect(await fieldsOf(blocklist.blockTag(t.ctx, actor, " , "))).toEqual({
      name: blocklist.messages.enterTag,
    });
    expect(await fieldsOf(blocklist.blockCreator(t.ctx, actor, "nobody_here_at_all"))).toEqual({
      name: blocklist.messages.unknownCreator("nobody_here_at_all"),
    });
    expect(await fieldsOf(blocklist.blockCreator(t.ctx, actor, ""))).toEqual({
      name: blocklist.messages.enterCreator,
    });
    expect(await fieldsOf(blocklist.blockWork(t.ctx, actor, "no-such-work"))).toEqual({
      work_id: blocklist.messages.unknownWork("no-such-work"),
    });
    expect(await fieldsOf(blocklist.blockWork(t.ctx, actor, "x\u0000y"))).toHaveProperty("work_id");
    expect(await fieldsOf(blocklist.blockWork(t.ctx, actor, "  "))).toEqual({
      work_id: blocklist.messages.enterWork,
    });
    const secret = `Secret ${unique()}`;
    const draft = await buildWork(t.ctx, writer, { freeforms: secret }, "draft");
    expect(await fieldsOf(blocklist.blockTag(t.ctx, actor, secret))).toEqual({
      name: blocklist.messages.unknownTags([secret]),
    });
    // Someone else's draft reads as not found.
    expect(await fieldsOf(blocklist.blockWork(t.ctx, actor, draft.id))).toEqual({
      work_id: blocklist.messages.unknownWork(draft.id),
    });
    expect(
      await fieldsOf(blocklist.addToBlocklist(t.ctx, actor, { kind: "pseud", name: "x" })),
    ).toHaveProperty("kind");
  });

  it("blocks a creator by username, and a work by id or address", async () => {
    const { actor } = await reader();
    const work = await buildWork(t.ctx, writer);
    expect((await blocklist.blockCreator(t.ctx, actor, writer.username.toUpperCase())).item).toMatchObject({
      kind: "user",
      targetId: writer.id,
      name: writer.username,
    });
    expect(
      (await blocklist.blockWork(t.ctx, actor, `http://quire.test/works/${work.id}/chapters/x`)).item,
    ).toMatchObject({
      kind: "work",
      targetId: work.id,
      name: work.title,
    });
    const list = await blocklist.listBlocklist(t.ctx, actor);
    expect(list.creators.map((i) => i.name)).toEqual([writer.username]);
    expect(list.works.map((i) => i.name)).toEqual([work.title]);
    expect(list.count).toBe(2);
  });

  it("refuses to block oneself or one's own work", async () => {
    const { user, actor } = await reader();
    const own = await buildWork(t.ctx, user);
    expect(await fieldsOf(blocklist.blockCreator(t.ctx, actor, user.username))).toEqual({
      name: blocklist.messages.self,
    });
    expect(await fieldsOf(blocklist.blockWork(t.ctx, actor, own.id))).toEqual({
      work_id: blocklist.messages.ownWork,
    });
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("holds at most blocklistMax entries of all kinds together", async () => {
    const ctx: Ctx = { ...t.ctx, config: { ...t.ctx.config, blocklistMax: 2 } };
    const { actor } = await reader();
    const name = `Limit ${unique()}`;
    const work = await buildWork(t.ctx, writer, { freeforms: name });
    await blocklist.blockTag(ctx, actor, name);
    await blocklist.blockCreator(ctx, actor, writer.username);
    expect(await fieldsOf(blocklist.blockWork(ctx, actor, work.id))).toEqual({
      work_id: blocklist.messages.tooMany(2),
    });
    // Blocking again what is already there is no new entry.
    expect((await blocklist.blockTag(ctx, actor, name)).added).toBe(false);
    const extra = `Extra ${unique()}`;
    await buildWork(t.ctx, writer, { freeforms: extra });
    expect(await fieldsOf(blocklist.addToBlocklist(ctx, actor, { kind: "tag", name: extra }))).toEqual({
      name: blocklist.messages.tooMany(2),
    });
  });

  it("shows a work the reader can no longer see without its title", async () => {
    const { actor } = await reader();
    const work = await buildWork(t.ctx, writer, { title: `Soon Hidden ${unique()}` });
    await blocklist.blockWork(t.ctx, actor, work.id);
    await t.ctx.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", work.id).execute();
    const [item] = (await blocklist.listBlocklist(t.ctx, actor)).works;
    expect(item).toMatchObject({ targetId: work.id, name: null });
    // An admin still sees what it is.
    await blocklist.blockWork(t.ctx, admin, work.id);
    expect((await blocklist.listBlocklist(t.ctx, admin)).works[0]!.name).toBe(work.title);
  });

  it("unblocks, and answers NotFound for what isn't on the list", async () => {
    const { user, actor } = await reader();
    const other = await reader();
    await blocklist.blockCreator(t.ctx, actor, writer.username);
    await blocklist.blockCreator(t.ctx, other.actor, writer.username);
    expect(await errorOf(blocklist.unblock(t.ctx, actor, "work", writer.id))).toBeInstanceOf(NotFound);
    expect((await errorOf(blocklist.unblock(t.ctx, actor, "pseud", writer.id))) as Invalid).toBeInstanceOf(
      Invalid,
    );
    const removed = await blocklist.unblock(t.ctx, actor, "user", writer.id);
    expect(removed).toMatchObject({ kind: "user", name: writer.username });
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
    expect(await errorOf(blocklist.unblock(t.ctx, actor, "user", writer.id))).toBeInstanceOf(NotFound);
    // The other reader's entry is theirs alone.
    expect((await blocklist.listBlocklist(t.ctx, other.actor)).creators).toHaveLength(1);
  });

  it("answers the ids on a reader's blocklist by kind, theirs only, and nothing for a guest", async () => {
    const { actor } = await reader();
    const other = await reader();
    const tag = `Targets ${unique()}`;
    const work = await buildWork(t.ctx, writer, { freeforms: tag });
    await blocklist.blockTag(t.ctx, actor, tag);
    await blocklist.blockCreator(t.ctx, actor, writer.username);
    await blocklist.blockWork(t.ctx, actor, work.id);
    await blocklist.blockCreator(t.ctx, other.actor, (await buildUser(t.ctx)).username);
    const targets = await blocklist.blockedTargets(t.ctx, actor);
    expect([...targets.tag]).toEqual([(await tagNamed(tag)).id]);
    expect([...targets.user]).toEqual([writer.id]);
    expect([...targets.work]).toEqual([work.id]);
    const none = await blocklist.blockedTargets(t.ctx, guest);
    expect([none.tag.size, none.user.size, none.work.size]).toEqual([0, 0, 0]);
  });

  it("is for logged-in readers only", async () => {
    for (const call of [
      blocklist.listBlocklist(t.ctx, guest),
      blocklist.blockTag(t.ctx, guest, "Gen"),
      blocklist.blockCreator(t.ctx, guest, writer.username),
      blocklist.blockWork(t.ctx, guest, "x"),
      blocklist.addToBlocklist(t.ctx, guest, { kind: "tag", name: "Gen" }),
      blocklist.unblock(t.ctx, guest, "tag", "x"),
    ]) {
      expect(await errorOf(call)).toBeInstanceOf(Forbidden);
    }
  });
});
