import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildUser, buildWork, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import { guest, type Actor } from "../actor.js";
import * as workRepo from "../works/work.repo.js";
import type { Work } from "../works/work.js";
import { filterTagsOfDocs } from "./filter-tagging.repo.js";
import * as metas from "./meta-tagging.repo.js";
import type { Tag } from "./tag.js";
import { tagNameKey } from "./tag-name.js";
import * as parents from "./tag-parent.repo.js";
import * as tagRepo from "./tag.repo.js";
import * as wrangling from "./wrangling.service.js";

describe.each(dialects)("tag wrangling on %s", (dialect) => {
  let t: TestApp;
  let admin: Actor;
  let creator: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = actorFor(await buildUser(t.ctx, { isAdmin: true }));
    creator = await buildUser(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  const fieldsOf = async (p: Promise<unknown>) => {
    const err = await errorOf(p);
    expect(err).toBeInstanceOf(Invalid);
    return (err as Invalid).fields;
  };

  async function tagNamed(name: string): Promise<Tag> {
    const tag = await tagRepo.findTagByKey(t.ctx.db, tagNameKey(name));
    if (!tag) throw new Error(`no tag ${name}`);
    return tag;
  }

  /** A posted work carrying the given tags (created unwrangled when new). */
  function work(tags: Record<string, string>): Promise<Work> {
    return buildWork(t.ctx, creator, tags);
  }

  /** Unique tag names, one per label: names("A", "B") → ["A 1x2", "B 1x2"]. */
  function names<N extends string[]>(...labels: N): { [K in keyof N]: string } {
    const suffix = unique();
    return labels.map((l) => `${l} ${suffix}`) as { [K in keyof N]: string };
  }

  /** The filter tag numbers of a work, leaving out its rating, warning, category and default fandom. */
  async function filed(w: Work): Promise<number[]> {
    const defaults = await Promise.all(
      ["General Audiences", "No Archive Warnings Apply", "Gen", "Original Work"].map(
        async (n) => (await tagNamed(n)).num,
      ),
    );
    return ((await filterTagsOfDocs(t.ctx.db, [w.doc])).get(w.doc) ?? [])
      .filter((num) => !defaults.includes(num))
      .sort((a, b) => a - b);
  }

  /** The numbers of a work's filter tags that come from meta tags. */
  async function inherited(w: Work): Promise<number[]> {
    const rows = await t.ctx.db
      .selectFrom("filter_taggings")
      .select("tag_num")
      .where("doc", "=", w.doc)
      .where("inherited", "=", 1)
      .execute();
    return rows.map((r) => r.tag_num).sort((a, b) => a - b);
  }

  async function canonicalTags(
    type: "fandoms" | "characters" | "relationships" | "freeforms",
    ...list: string[]
  ) {
    await work({ [type]: list.join(", ") });
    const result: Tag[] = [];
    for (const name of list) {
      const tag = await tagNamed(name);
      result.push(await wrangling.makeCanonical(t.ctx, admin, tag.id, true));
    }
    return result;
  }

  describe("who may wrangle", () => {
    it("refuses guests and users who aren't admins, changing nothing", async () => {
      const [a, b] = names("Fandom A", "Fandom B");
      await work({ fandoms: `${a}, ${b}` });
      const tag = await tagNamed(a);
      const reader = actorFor(await buildUser(t.ctx));
      for (const actor of [guest, reader]) {
        const calls = [
          wrangling.makeCanonical(t.ctx, actor, tag.id, true),
          wrangling.makeSynonym(t.ctx, actor, tag.id, b),
          wrangling.removeSynonym(t.ctx, actor, tag.id),
          wrangling.addMetaTag(t.ctx, actor, tag.id, b),
          wrangling.removeMetaTag(t.ctx, actor, tag.id, b),
          wrangling.addParent(t.ctx, actor, tag.id, b),
          wrangling.removeParent(t.ctx, actor, tag.id, b),
        ];
        for (const call of calls) expect(await errorOf(call)).toBeInstanceOf(Forbidden);
      }
      expect((await tagNamed(a)).canonical).toBe(false);
    });

    it("answers NotFound for a tag that doesn't exist", async () => {
      expect(await errorOf(wrangling.makeCanonical(t.ctx, admin, "no-such-id", true))).toBeInstanceOf(
        NotFound,
      );
    });

    it("refuses to wrangle ratings, warnings and categories", async () => {
      const rating = await tagNamed("General Audiences");
      const warning = await tagNamed("No Archive Warnings Apply");
      const category = await tagNamed("Gen");
      expect((await fieldsOf(wrangling.makeCanonical(t.ctx, admin, rating.id, false))).canonical).toMatch(
        /is a rating\. Ratings, warnings and categories are fixed/,
      );
      expect((await fieldsOf(wrangling.makeSynonym(t.ctx, admin, warning.id, "Gen"))).synonym_of).toMatch(
        /fixed/,
      );
      expect((await fieldsOf(wrangling.addMetaTag(t.ctx, admin, category.id, "Gen"))).meta_tag).toMatch(
        /fixed/,
      );
      expect((await fieldsOf(wrangling.addParent(t.ctx, admin, category.id, "Gen"))).parent).toMatch(/fixed/);
      expect((await tagNamed("General Audiences")).canonical).toBe(true);
    });
  });

  describe("canonical tags", () => {
    it("makes a tag canonical and not canonical again", async () => {
      const [a] = names("Canon");
      await work({ freeforms: a });
      const tag = await tagNamed(a);
      expect((await wrangling.makeCanonical(t.ctx, admin, tag.id, true)).canonical).toBe(true);
      expect((await tagNamed(a)).canonical).toBe(true);
      // Doing it twice changes nothing.
      expect((await wrangling.makeCanonical(t.ctx, admin, tag.id, true)).canonical).toBe(true);
      expect((await wrangling.makeCanonical(t.ctx, admin, tag.id, false)).canonical).toBe(false);
      expect((await tagNamed(a)).canonical).toBe(false);
    });

    it("refuses to make a synonym canonical", async () => {
      const [syn] = names("Syn");
      const [canon] = await canonicalTags("freeforms", names("Canonical")[0]);
      await work({ freeforms: syn });
      const tag = await tagNamed(syn);
      await wrangling.makeSynonym(t.ctx, admin, tag.id, canon!.name);
      const fields = await fieldsOf(wrangling.makeCanonical(t.ctx, admin, tag.id, true));
      expect(fields.canonical).toBe(
        `“${syn}” is a synonym of “${canon!.name}”, and a synonym can't be canonical. Remove the synonym first.`,
      );
    });

    it("refuses to un-canonicalise a tag with synonyms, meta or sub tags, or children", async () => {
      const [withSyn, meta, sub, fandom, character, syn] = names(
        "HasSyn",
        "Meta",
        "Sub",
        "Parent",
        "Child",
        "Syn",
      );
      const [a, m, s] = await canonicalTags("freeforms", withSyn, meta, sub);
      const [f] = await canonicalTags("fandoms", fandom);
      await work({ freeforms: syn, characters: character });
      await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(syn)).id, withSyn);
      await wrangling.addMetaTag(t.ctx, admin, s!.id, meta);
      await wrangling.addParent(t.ctx, admin, (await tagNamed(character)).id, fandom);

      expect((await fieldsOf(wrangling.makeCanonical(t.ctx, admin, a!.id, false))).canonical).toBe(
        `“${withSyn}” still has synonyms. Remove them before making it not canonical.`,
      );
      expect((await fieldsOf(wrangling.makeCanonical(t.ctx, admin, m!.id, false))).canonical).toMatch(
        /still has meta or sub tags/,
      );
      expect((await fieldsOf(wrangling.makeCanonical(t.ctx, admin, s!.id, false))).canonical).toMatch(
        /still has meta or sub tags/,
      );
      expect((await fieldsOf(wrangling.makeCanonical(t.ctx, admin, f!.id, false))).canonical).toMatch(
        /still has child tags/,
      );
      for (const name of [withSyn, meta, sub, fandom]) expect((await tagNamed(name)).canonical).toBe(true);
    });
  });

  describe("synonyms", () => {
    it("files the synonym's works under the canonical tag, and back under itself when removed", async () => {
      const [canonName, synName] = names("Draco/Harry", "Drarry");
      const [canon] = await canonicalTags("relationships", canonName);
      const w = await work({ relationships: synName });
      const syn = await tagNamed(synName);
      expect(await filed(w)).toContain(syn.num);

      const result = await wrangling.makeSynonym(t.ctx, admin, syn.id, ` ${canonName.replace("/", " / ")}, `);
      expect(result.id).toBe(canon!.id);
      expect((await tagNamed(synName)).mergerId).toBe(canon!.id);
      expect(await filed(w)).toContain(canon!.num);
      expect(await filed(w)).not.toContain(syn.num);
      expect(await inherited(w)).toEqual([]);

      expect((await wrangling.removeSynonym(t.ctx, admin, syn.id)).id).toBe(canon!.id);
      expect((await tagNamed(synName)).mergerId).toBeNull();
      expect(await filed(w)).toContain(syn.num);
      expect(await filed(w)).not.toContain(canon!.num);
    });

    it("files the synonym's works under the canonical's meta tags too", async () => {
      const [metaName, canonName, synName] = names("Meta", "Canonical", "Synonym");
      const [meta, canon] = await canonicalTags("characters", metaName, canonName);
      await wrangling.addMetaTag(t.ctx, admin, canon!.id, metaName);
      const w = await work({ characters: synName });
      await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(synName)).id, canonName);
      expect(await filed(w)).toEqual([meta!.num, canon!.num].sort((a, b) => a - b));
      expect(await inherited(w)).toEqual([meta!.num]);
    });

    it("moves the synonym's parents, children and meta/sub links to the canonical tag", async () => {
      const [canonName, synName, fandomName, metaName, subName] = names(
        "Canon",
        "Syn",
        "Fandom",
        "Meta",
        "Sub",
      );
      const [canon] = await canonicalTags("characters", canonName);
      const [meta, sub] = await canonicalTags("characters", metaName, subName);
      await canonicalTags("fandoms", fandomName);
      const subWork = await work({ characters: subName });
      await work({ characters: synName });
      const syn = await tagNamed(synName);
      await wrangling.addParent(t.ctx, admin, syn.id, fandomName);
      // Links a synonym can't get through wrangling any more, as older data may hold them.
      await metas.insertMetaTagging(t.ctx.db, meta!.id, syn.id);
      await metas.insertMetaTagging(t.ctx.db, syn.id, sub!.id);

      await wrangling.makeSynonym(t.ctx, admin, syn.id, canonName);
      const fandom = await tagNamed(fandomName);
      expect(await parents.parentIds(t.ctx.db, syn.id)).toEqual([]);
      expect(await parents.parentIds(t.ctx.db, canon!.id)).toEqual([fandom.id]);
      expect(await metas.directMetaIds(t.ctx.db, canon!.id)).toEqual([meta!.id]);
      expect(await metas.directSubIds(t.ctx.db, canon!.id)).toEqual([sub!.id]);
      expect(await metas.hasMetaTaggings(t.ctx.db, syn.id)).toBe(false);
      // The sub tag's works now inherit the canonical tag (and its meta tag) instead of the synonym.
      expect(await inherited(subWork)).toEqual([meta!.num, canon!.num].sort((a, b) => a - b));
    });

    it("moves a synonym from one canonical tag to another", async () => {
      const [aName, bName, synName] = names("A", "B", "Syn");
      const [a, b] = await canonicalTags("freeforms", aName, bName);
      const w = await work({ freeforms: synName });
      const syn = await tagNamed(synName);
      await wrangling.makeSynonym(t.ctx, admin, syn.id, aName);
      await wrangling.makeSynonym(t.ctx, admin, syn.id, bName);
      expect(await filed(w)).toContain(b!.num);
      expect(await filed(w)).not.toContain(a!.num);
    });

    it("refuses a canonical tag, a tag with synonyms, itself, another type, a non-canonical target and bad names", async () => {
      const [canonName, otherName, synName, plainName, typeName, fandomName] = names(
        "Canon",
        "Other",
        "Syn",
        "Plain",
        "Typed",
        "Fandom",
      );
      const [canon, other] = await canonicalTags("freeforms", canonName, otherName);
      await canonicalTags("fandoms", fandomName);
      await work({ freeforms: `${synName}, ${plainName}, ${typeName}` });
      const syn = await tagNamed(synName);
      const plain = await tagNamed(plainName);
      await wrangling.makeSynonym(t.ctx, admin, syn.id, canonName);
      await wrangling.makeCanonical(t.ctx, admin, other!.id, false);
      const [soloName] = names("Solo");
      const [solo] = await canonicalTags("freeforms", soloName);

      const field = async (p: Promise<unknown>) => (await fieldsOf(p)).synonym_of;
      expect(await field(wrangling.makeSynonym(t.ctx, admin, solo!.id, canonName))).toBe(
        `“${soloName}” is canonical, so it can't become a synonym. Make it not canonical first.`,
      );
      await wrangling.makeCanonical(t.ctx, admin, canon!.id, true);
      // A tag with synonyms of its own: un-canonicalising it is refused, so test through a plain tag.
      await t.ctx.db.updateTable("tags").set({ merger_id: plain.id }).where("id", "=", other!.id).execute();
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, canonName))).toBe(
        `“${plainName}” has synonyms of its own, so it can't become a synonym.`,
      );
      await t.ctx.db.updateTable("tags").set({ merger_id: null }).where("id", "=", other!.id).execute();
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, plainName))).toBe(
        "A tag can't be a synonym of itself.",
      );
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, fandomName))).toBe(
        `“${fandomName}” is a fandom tag; this needs an additional tag.`,
      );
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, otherName))).toBe(
        `“${otherName}” isn't canonical; only a canonical tag can be merged into.`,
      );
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, "No Such Tag Anywhere"))).toBe(
        "There is no tag called “No Such Tag Anywhere”.",
      );
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, " , "))).toBe(
        "Enter the name of a tag.",
      );
      expect(await field(wrangling.makeSynonym(t.ctx, admin, plain.id, `${canonName}, ${otherName}`))).toBe(
        "Enter one tag name only.",
      );
      expect((await tagNamed(plainName)).mergerId).toBeNull();
    });

    it("refuses to remove the synonym of a tag that isn't one", async () => {
      const [name] = names("Lonely");
      await work({ freeforms: name });
      expect(
        (await fieldsOf(wrangling.removeSynonym(t.ctx, admin, (await tagNamed(name)).id))).synonym_of,
      ).toBe(`“${name}” isn't a synonym of any tag.`);
    });

    it("finds a target called “Name - Type” when the plain name belongs to another type", async () => {
      const [shared, synName] = names("Shared", "Syn");
      await work({ characters: shared });
      await work({ fandoms: shared });
      const fandom = await tagNamed(`${shared} - Fandom`);
      await wrangling.makeCanonical(t.ctx, admin, fandom.id, true);
      await work({ fandoms: synName });
      expect((await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(synName)).id, shared)).id).toBe(
        fandom.id,
      );
    });
  });

  describe("meta and sub tags", () => {
    it("files the works of a sub tag, its synonyms and its sub tags under the meta tag, until removed", async () => {
      const [metaName, subName, subSubName, synName] = names(
        "Marvel",
        "MCU",
        "Avengers MCU",
        "Marvel Cinematic",
      );
      const [meta, sub, subSub] = await canonicalTags("fandoms", metaName, subName, subSubName);
      await wrangling.addMetaTag(t.ctx, admin, subSub!.id, subName);
      const onSub = await work({ fandoms: subName });
      const onSubSub = await work({ fandoms: subSubName });
      const onSyn = await work({ fandoms: synName });
      const onMeta = await work({ fandoms: metaName });
      await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(synName)).id, subName);
      expect(await inherited(onSubSub)).toEqual([sub!.num]);

      expect((await wrangling.addMetaTag(t.ctx, admin, sub!.id, metaName)).id).toBe(meta!.id);
      expect(await inherited(onSub)).toEqual([meta!.num]);
      expect(await inherited(onSyn)).toEqual([meta!.num]);
      expect(await inherited(onSubSub)).toEqual([meta!.num, sub!.num].sort((a, b) => a - b));
      expect(await filed(onSubSub)).toEqual([meta!.num, sub!.num, subSub!.num].sort((a, b) => a - b));
      expect(await inherited(onMeta)).toEqual([]);

      expect((await wrangling.removeMetaTag(t.ctx, admin, sub!.id, metaName)).id).toBe(meta!.id);
      for (const w of [onSub, onSyn]) {
        expect(await inherited(w)).toEqual([]);
        expect(await filed(w)).not.toContain(meta!.num);
      }
      expect(await inherited(onSubSub)).toEqual([sub!.num]);
    });

    it("flips the crossover flag of a work with two fandoms when one becomes the other's meta tag", async () => {
      const [aName, bName] = names("Big Fandom", "Small Fandom");
      const [a, b] = await canonicalTags("fandoms", aName, bName);
      const w = await work({ fandoms: `${aName}, ${bName}` });
      const crossover = async () => (await workRepo.findWorksByIds(t.ctx.db, [w.id]))[0]!.crossover;
      expect(await crossover()).toBe(true);
      await wrangling.addMetaTag(t.ctx, admin, b!.id, aName);
      expect(await crossover()).toBe(false);
      await wrangling.removeMetaTag(t.ctx, admin, b!.id, a!.name);
      expect(await crossover()).toBe(true);
    });

    it("refuses non-canonical tags, other types, itself, duplicates and loops", async () => {
      const [topName, midName, lowName, plainName, charName] = names("Top", "Mid", "Low", "Plain", "Char");
      const [top, mid, low] = await canonicalTags("freeforms", topName, midName, lowName);
      await canonicalTags("characters", charName);
      await work({ freeforms: plainName });
      const plain = await tagNamed(plainName);
      await wrangling.addMetaTag(t.ctx, admin, mid!.id, topName);
      await wrangling.addMetaTag(t.ctx, admin, low!.id, midName);

      const field = async (p: Promise<unknown>) => (await fieldsOf(p)).meta_tag;
      expect(await field(wrangling.addMetaTag(t.ctx, admin, plain.id, topName))).toBe(
        `Only canonical tags have meta tags; make “${plainName}” canonical first.`,
      );
      expect(await field(wrangling.addMetaTag(t.ctx, admin, top!.id, plainName))).toBe(
        `“${plainName}” isn't canonical; only a canonical tag can be a meta tag.`,
      );
      expect(await field(wrangling.addMetaTag(t.ctx, admin, top!.id, charName))).toMatch(
        /is a character tag; this needs an additional tag/,
      );
      expect(await field(wrangling.addMetaTag(t.ctx, admin, top!.id, topName))).toBe(
        "A tag can't be its own meta tag.",
      );
      expect(await field(wrangling.addMetaTag(t.ctx, admin, mid!.id, topName))).toBe(
        `“${topName}” is already a meta tag of “${midName}”.`,
      );
      expect(await field(wrangling.addMetaTag(t.ctx, admin, top!.id, lowName))).toBe(
        `“${lowName}” is a sub tag of “${topName}”, so it can't be its meta tag too (that would make a loop).`,
      );
      expect(await field(wrangling.addMetaTag(t.ctx, admin, mid!.id, midName))).toBe(
        "A tag can't be its own meta tag.",
      );
      expect(await field(wrangling.removeMetaTag(t.ctx, admin, top!.id, lowName))).toBe(
        `“${lowName}” isn't a meta tag of “${topName}”.`,
      );
      expect(await metas.directMetaIds(t.ctx.db, top!.id)).toEqual([]);
    });
  });

  describe("parents", () => {
    it("gives characters, relationships and additional tags canonical parents, and takes them away", async () => {
      const [fandomName, charName, shipName, freeName] = names("Fandom", "Char", "Ship", "Free");
      const [fandom] = await canonicalTags("fandoms", fandomName);
      const [character] = await canonicalTags("characters", charName);
      await work({ relationships: shipName, freeforms: freeName });
      const ship = await tagNamed(shipName);
      const free = await tagNamed(freeName);

      expect((await wrangling.addParent(t.ctx, admin, character!.id, fandomName)).id).toBe(fandom!.id);
      await wrangling.addParent(t.ctx, admin, ship.id, fandomName);
      await wrangling.addParent(t.ctx, admin, ship.id, charName);
      await wrangling.addParent(t.ctx, admin, free.id, fandomName);
      expect(await parents.parentIds(t.ctx.db, character!.id)).toEqual([fandom!.id]);
      expect((await parents.parentIds(t.ctx.db, ship.id)).sort()).toEqual([fandom!.id, character!.id].sort());
      expect((await parents.childIds(t.ctx.db, fandom!.id)).sort()).toEqual(
        [character!.id, ship.id, free.id].sort(),
      );

      expect((await wrangling.removeParent(t.ctx, admin, ship.id, fandomName)).id).toBe(fandom!.id);
      expect(await parents.parentIds(t.ctx.db, ship.id)).toEqual([character!.id]);
    });

    it("refuses parents of the wrong type, non-canonical parents, duplicates, synonyms and fandoms", async () => {
      const [fandomName, otherFandom, charName, freeName, plainFandom, synName] = names(
        "Fandom",
        "Other",
        "Char",
        "Free",
        "Plain",
        "Syn",
      );
      const [fandom, other] = await canonicalTags("fandoms", fandomName, otherFandom);
      const [character] = await canonicalTags("characters", charName);
      await work({ freeforms: `${freeName}, ${synName}`, fandoms: plainFandom });
      const free = await tagNamed(freeName);
      await wrangling.addParent(t.ctx, admin, character!.id, fandomName);

      const field = async (p: Promise<unknown>) => (await fieldsOf(p)).parent;
      expect(await field(wrangling.addParent(t.ctx, admin, free.id, charName))).toBe(
        `“${charName}” is a character tag; this needs a fandom tag.`,
      );
      expect(await field(wrangling.addParent(t.ctx, admin, free.id, plainFandom))).toBe(
        `“${plainFandom}” isn't canonical; only a canonical tag can be a parent tag.`,
      );
      expect(await field(wrangling.addParent(t.ctx, admin, character!.id, fandomName))).toBe(
        `“${fandomName}” is already a parent tag of “${charName}”.`,
      );
      expect(await field(wrangling.addParent(t.ctx, admin, fandom!.id, otherFandom))).toMatch(
        /^Fandoms have no parent tags here/,
      );
      const [canonFree] = names("CanonFree");
      await canonicalTags("freeforms", canonFree);
      await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(synName)).id, canonFree);
      expect(await field(wrangling.addParent(t.ctx, admin, (await tagNamed(synName)).id, fandomName))).toBe(
        `“${synName}” is a synonym of “${canonFree}”; add parent tags to “${canonFree}” instead.`,
      );
      expect(await field(wrangling.removeParent(t.ctx, admin, character!.id, otherFandom))).toBe(
        `“${otherFandom}” isn't a parent tag of “${charName}”.`,
      );
      expect(other!.canonical).toBe(true);
      expect(await parents.parentIds(t.ctx.db, free.id)).toEqual([]);
    });
  });
});
