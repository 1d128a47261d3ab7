import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  parseSearchQuery,
  QueryError,
  toFts5,
  tokens,
  type QueryField,
  type QueryLimits,
  type QueryNode,
} from "./search-query.js";

const limits: QueryLimits = { maxLength: 1000, maxDepth: 10, maxTerms: 50 };
const parse = (q: string) => parseSearchQuery(q, limits);
const tree = (q: string) => parse(q).text;

const term = (text: string, field: QueryField | null = null, prefix = false): QueryNode => ({
  kind: "term",
  text,
  prefix,
  field,
});
const phrase = (text: string, field: QueryField | null = null): QueryNode => ({
  kind: "phrase",
  text,
  field,
});
const and = (...children: QueryNode[]): QueryNode => ({ kind: "and", children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: "or", children });
const not = (child: QueryNode): QueryNode => ({ kind: "not", child });

function queryError(q: string, l: QueryLimits = limits): QueryError {
  try {
    parseSearchQuery(q, l);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error(`no QueryError for ${q}`);
}

describe("tokens", () => {
  it("splits at anything but letters and digits, lower-cased", () => {
    expect(tokens("Spider-Man: Homecoming (2017)")).toEqual(["spider", "man", "homecoming", "2017"]);
    expect(tokens("Draco/Harry, don't")).toEqual(["draco", "harry", "don", "t"]);
  });

  it("takes the accents off, composed or not", () => {
    expect(tokens("Pokémon CAFÉ naïve")).toEqual(["pokemon", "cafe", "naive"]);
    expect(tokens("Poke\u0301mon")).toEqual(["pokemon"]);
    expect(tokens("Łódź Ålesund")).toEqual(["łodz", "alesund"]);
  });

  it("keeps scripts without spaces as one run, as the index does", () => {
    expect(tokens("日本語のテキスト")).toEqual(["日本語のテキスト"]);
    expect(tokens("가나 다라")).toEqual(["가나", "다라"]);
  });

  it("has no tokens for punctuation, stars and emoji", () => {
    expect(tokens("-")).toEqual([]);
    expect(tokens("*** !? 🙂")).toEqual([]);
  });
});

describe("parseSearchQuery: words, phrases and operators", () => {
  it("ANDs the words", () => {
    expect(tree("dragon knight")).toEqual(and(term("dragon"), term("knight")));
    expect(tree("  Dragon  ")).toEqual(term("dragon"));
  });

  it("reads quoted phrases", () => {
    expect(tree('"Found  Family" fluff')).toEqual(and(phrase("found family"), term("fluff")));
  });

  it("excludes -word, -phrase, -(group) and NOT word", () => {
    expect(tree('fluff -angst -"major character death" -(sad OR tragic) NOT dark')).toEqual(
      and(
        term("fluff"),
        not(term("angst")),
        not(phrase("major character death")),
        not(or(term("sad"), term("tragic"))),
        not(term("dark")),
      ),
    );
  });

  it("keeps a dash inside a word as part of it", () => {
    expect(tree("spider-man")).toEqual(term("spider-man"));
  });

  it("reads OR and || between items, and AND and && as the default", () => {
    expect(tree('drarry OR "draco/harry"')).toEqual(or(term("drarry"), phrase("draco/harry")));
    expect(tree("a||b")).toEqual(or(term("a"), term("b")));
    expect(tree("a AND b && c")).toEqual(and(term("a"), term("b"), term("c")));
  });

  it("binds OR tighter than the implicit AND", () => {
    expect(tree("a b OR c d")).toEqual(and(term("a"), or(term("b"), term("c")), term("d")));
    expect(tree("a OR b OR c")).toEqual(or(term("a"), term("b"), term("c")));
  });

  it("groups with parentheses", () => {
    expect(tree("(a OR b) -c")).toEqual(and(or(term("a"), term("b")), not(term("c"))));
    expect(tree("a OR (b c)")).toEqual(or(term("a"), and(term("b"), term("c"))));
  });

  it("takes only capitals as operators (as AO3 does), so ordinary words stay words", () => {
    expect(tree("a OR b NOT c")).toEqual(and(or(term("a"), term("b")), not(term("c"))));
    expect(tree("a AND b")).toEqual(and(term("a"), term("b")));
    expect(tree("to be or not")).toEqual(and(term("to"), term("be"), term("or"), term("not")));
  });

  it("reads a trailing * as a prefix", () => {
    expect(tree("drag*")).toEqual(term("drag", null, true));
    expect(tree("Drag** -knigh*")).toEqual(and(term("drag", null, true), not(term("knigh", null, true))));
  });
});

describe("parseSearchQuery: fields", () => {
  it("reads title, creator, tag and fandom with their aliases", () => {
    expect(
      tree("title:Dragon creator:anna author:bob creators:cy by:dee tag:fluff tags:angst fandom:x fandoms:y"),
    ).toEqual(
      and(
        term("dragon", "title"),
        term("anna", "creator"),
        term("bob", "creator"),
        term("cy", "creator"),
        term("dee", "creator"),
        term("fluff", "tag"),
        term("angst", "tag"),
        term("x", "fandom"),
        term("y", "fandom"),
      ),
    );
  });

  it("puts a field on one item only: a word, a phrase or a group", () => {
    expect(tree('TITLE:"dragon knight" knight')).toEqual(
      and(phrase("dragon knight", "title"), term("knight")),
    );
    expect(tree("title:-angst")).toEqual(not(term("angst", "title")));
    expect(tree("title:drag* -tag:angst")).toEqual(
      and(term("drag", "title", true), not(term("angst", "tag"))),
    );
    expect(tree("title:(a OR creator:b) c")).toEqual(
      and(or(term("a", "title"), term("b", "creator")), term("c")),
    );
  });

  it("reads an unknown field as plain words", () => {
    expect(tree("xyz:foo")).toEqual(and(term("xyz"), term("foo")));
    expect(tree('re:"zero"')).toEqual(and(term("re"), phrase("zero")));
  });
});

describe("parseSearchQuery: shortcuts", () => {
  it("takes count shortcuts out of the text", () => {
    const q = parse("dragon words>1000 kudos:<50 hits:10-20 comments:5 bookmarks>=3");
    expect(q.text).toEqual(term("dragon"));
    expect(q.words).toEqual({ min: 1001, max: null });
    expect(q.kudos).toEqual({ min: null, max: 49 });
    expect(q.hits).toEqual({ min: 10, max: 20 });
    expect(q.comments).toEqual({ min: 5, max: 5 });
    expect(q.bookmarks).toEqual({ min: 3, max: null });
  });

  it("reads every form of a range", () => {
    expect(parse("words<5000").words).toEqual({ min: null, max: 4999 });
    expect(parse("words:>1000").words).toEqual({ min: 1001, max: null });
    expect(parse("words<=5000").words).toEqual({ min: null, max: 5000 });
    expect(parse("words:>=5000").words).toEqual({ min: 5000, max: null });
    expect(parse("WORDS:1000-5000").words).toEqual({ min: 1000, max: 5000 });
    expect(parse("words:1000").words).toEqual({ min: 1000, max: 1000 });
  });

  it("ignores thousands separators", () => {
    expect(parse("words>1,000").words).toEqual({ min: 1001, max: null });
    expect(parse("words:1.000-1.000.000").words).toEqual({ min: 1000, max: 1_000_000 });
  });

  it("takes the overlap of two ranges for the same count", () => {
    expect(parse("words>1000 words<5000").words).toEqual({ min: 1001, max: 4999 });
    expect(queryError("words>5000 words<1000").message).toBe(
      'No work can match both "words>5000" and "words<1000".',
    );
  });

  it("refuses a count it can't read, naming it", () => {
    expect(queryError("dragon words>abc").message).toBe(
      'Can\'t read the number in "words>abc": try words>1000, words<5000 or words:1000-5000.',
    );
    expect(queryError("kudos:5-2").message).toBe('"kudos:5-2" starts above where it ends: try kudos:2-5.');
    expect(queryError("hits:").message).toContain('"hits:"');
    expect(queryError("words>1,,000").message).toContain('"words>1,,000"');
    expect(queryError("words>99999999999999999999").message).toContain("words>9999");
  });

  it("reads sort keys, their aliases and directions", () => {
    const sorted = (q: string) => {
      const p = parse(q);
      return [p.sort, p.direction];
    };
    expect(sorted("sort:kudos")).toEqual(["kudos", null]);
    expect(sorted("sort:>words")).toEqual(["words", "asc"]);
    expect(sorted("sort:<words")).toEqual(["words", "desc"]);
    expect(sorted("sort:kudos-asc")).toEqual(["kudos", "asc"]);
    expect(sorted("SORT:Kudos-DESC")).toEqual(["kudos", "desc"]);
    expect(sorted("sort:date_updated")).toEqual(["updated", null]);
    expect(sorted("sort:revised")).toEqual(["updated", null]);
    expect(sorted("sort:date")).toEqual(["updated", null]);
    expect(sorted("sort:published")).toEqual(["posted", null]);
    expect(sorted("sort:date_posted")).toEqual(["posted", null]);
    expect(sorted("sort:author")).toEqual(["creator", null]);
    expect(sorted("sort:word_count")).toEqual(["words", null]);
    expect(sorted("sort:length")).toEqual(["words", null]);
    expect(sorted("sort:best_match")).toEqual(["relevance", null]);
    expect(sorted("sort:best")).toEqual(["relevance", null]);
    for (const key of ["title", "hits", "comments", "bookmarks", "posted"]) {
      expect(sorted(`sort:${key}`)).toEqual([key, null]);
    }
    expect(sorted("")).toEqual([null, null]);
    expect(parse("arthur merlin words>1000 sort:hits").text).toEqual(and(term("arthur"), term("merlin")));
  });

  it("refuses a sort key it doesn't know, naming it", () => {
    expect(queryError("sort:xyz").message).toMatch(/^Can't sort by "xyz": try sort:updated, /);
    expect(queryError("sort:constructor").message).toContain('"constructor"');
    expect(queryError("sort:").message).toBe('"sort:" needs something to sort by, as in sort:kudos.');
    expect(queryError("sort:>words-desc").message).toContain("two sort directions");
  });

  it("leaves the shortcut keys alone as plain words", () => {
    const q = parse("words of radiance, sort of kudos");
    expect(q.text).toEqual(
      and(term("words"), term("of"), term("radiance,"), term("sort"), term("of"), term("kudos")),
    );
    expect([q.words, q.kudos, q.sort]).toEqual([null, null, null]);
  });

  it("treats a shortcut as if it were not in the text", () => {
    expect(tree("dragon OR words>1000 knight")).toEqual(or(term("dragon"), term("knight")));
    expect(tree("-words>10 dragon")).toEqual(term("dragon"));
    expect(tree("(words>1000)")).toBeNull();
    expect(tree('"words>1000"')).toEqual(phrase("words>1000"));
  });
});

describe("parseSearchQuery: forgiving and normalising", () => {
  it("closes unbalanced quotes and parentheses at the end, and drops a stray )", () => {
    expect(tree('"found family')).toEqual(phrase("found family"));
    expect(tree("(a OR (b")).toEqual(or(term("a"), term("b")));
    expect(tree("a)) OR b")).toEqual(or(term("a"), term("b")));
  });

  it("drops stray operators", () => {
    expect(tree("OR a OR OR b OR")).toEqual(or(term("a"), term("b")));
    expect(tree("a AND")).toEqual(term("a"));
    expect(tree("a NOT")).toEqual(term("a"));
    expect(tree("(a OR) b")).toEqual(and(term("a"), term("b")));
    expect(tree("title: OR a")).toEqual(term("a"));
  });

  it("drops words with no letters or digits, and empty groups", () => {
    expect(tree("- *** a () ((()))")).toEqual(term("a"));
    expect(tree('a OR *** b ""')).toEqual(or(term("a"), term("b")));
    expect(tree("-")).toBeNull();
    expect(tree("")).toBeNull();
  });

  it("flattens nested groups and unwraps groups of one", () => {
    expect(tree("a (b (c d))")).toEqual(and(term("a"), term("b"), term("c"), term("d")));
    expect(tree("(a OR (b OR c))")).toEqual(or(term("a"), term("b"), term("c")));
    expect(tree("((((a))))")).toEqual(term("a"));
  });

  it("cancels double negation, and turns -(-a -b) into (a OR b)", () => {
    expect(tree("NOT -a b")).toEqual(and(term("a"), term("b")));
    expect(tree("-(-a -b)")).toEqual(or(term("a"), term("b")));
    expect(tree("c OR -(-a -b)")).toEqual(or(term("c"), term("a"), term("b")));
  });

  it("refuses an OR of only exclusions, naming it", () => {
    expect(queryError("dragon a OR -b").message).toBe(
      "Can't search \"a OR -b\": you can't only exclude words inside OR. " +
        'Put what you exclude outside the OR, as in "(a OR b) -c".',
    );
    expect(queryError("(-a -b) OR c").message).toContain('"(-a -b) OR c"');
    expect(queryError("a OR NOT b").message).toContain("can't only exclude words inside OR");
    expect(queryError("(x -a) OR (-b) OR z").message).toContain("can't only exclude words inside OR");
    expect(tree("a OR (b -c)")).toEqual(or(term("a"), and(term("b"), not(term("c")))));
  });

  it("lists the words to highlight: every term and phrase not excluded, once", () => {
    expect(
      parse('drag* "Found Family" -angst title:dragon dragon NOT (sad OR x) words>5').highlights,
    ).toEqual([
      { text: "drag", prefix: true },
      { text: "found family", prefix: false },
      { text: "dragon", prefix: false },
    ]);
    expect(parse("-a -b").highlights).toEqual([]);
  });
});

describe("parseSearchQuery: limits", () => {
  it("refuses a query longer than maxLength characters", () => {
    expect(queryError("a".repeat(1001)).message).toBe("The search is too long: at most 1000 characters.");
    expect(parse("a".repeat(1000)).text).toEqual(term("a".repeat(1000)));
    expect(parse("🐉".repeat(1000)).text).toBeNull(); // 2000 UTF-16 units, but 1000 characters
  });

  it("refuses parentheses nested deeper than maxDepth", () => {
    expect(parse(`${"(".repeat(10)}a`).text).toEqual(term("a"));
    expect(queryError(`${"(".repeat(11)}a`).message).toBe(
      "The search has too many parentheses inside each other: at most 10.",
    );
  });

  it("refuses more than maxTerms words and phrases", () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    expect(parse(words.join(" ")).highlights).toHaveLength(50);
    expect(queryError([...words, '"one more"'].join(" ")).message).toBe(
      "The search has too many words: at most 50.",
    );
  });

  it("answers promptly for 10,000 characters and 10,000 nested parentheses", () => {
    const loose = { maxLength: 100_000, maxDepth: 100_000, maxTerms: 100_000 };
    const started = performance.now();
    const soup = Array.from(
      { length: 2000 },
      (_, i) => ["a", "OR", "b", '"c', "(d", "e)", "f*", "-g"][i % 8],
    ).join(" ");
    expect(soup.length).toBeGreaterThan(5000);
    expect(() => parseSearchQuery(soup.padEnd(10_000, " x"), loose)).not.toThrow(RangeError);
    expect(parseSearchQuery(`${"(".repeat(10_000)}a${")".repeat(10_000)}`, loose).text).toEqual(term("a"));
    // Alternating OR and AND groups make a tree 10,000 deep; toFts5 must not recurse either.
    const deep = parseSearchQuery(`${"(a OR (b ".repeat(5000)}c`, loose);
    expect(toFts5(deep.text).match).toMatch(/^\("a" OR \("b" AND \("a" OR/);
    expect(queryError(`${"(".repeat(10_000)}a`, { ...loose, maxDepth: 10 })).toBeInstanceOf(QueryError);
    expect(queryError("x ".repeat(5000), { ...loose, maxLength: 1000 })).toBeInstanceOf(QueryError);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("toFts5", () => {
  const fts = (q: string) => toFts5(tree(q));

  it("quotes every word, and writes a word with several tokens as a phrase", () => {
    expect(fts("dragon")).toEqual({ match: '"dragon"', exclude: null });
    expect(fts("Spider-Man")).toEqual({ match: '"spider man"', exclude: null });
    expect(fts('"found family"')).toEqual({ match: '"found family"', exclude: null });
    expect(fts("AND* NEAR")).toEqual({ match: '("and" * AND "near")', exclude: null });
  });

  it("puts the prefix star after the last token", () => {
    expect(fts("drag*")).toEqual({ match: '"drag" *', exclude: null });
    expect(fts("spider-m*")).toEqual({ match: '"spider m" *', exclude: null });
  });

  it("filters fields by column", () => {
    expect(fts('title:drag* creator:anna tag:"found family" fandom:marvel').match).toBe(
      '(title : ("drag" *) AND creators : ("anna") AND {tags fandoms} : ("found family") AND fandoms : ("marvel"))',
    );
  });

  it("writes AND, OR and FTS5's binary NOT", () => {
    expect(fts("a b OR c d").match).toBe('("a" AND ("b" OR "c") AND "d")');
    expect(fts("a -b").match).toBe('("a" NOT "b")');
    expect(fts("a b -c -(d e)").match).toBe('(("a" AND "b") NOT ("c" OR ("d" AND "e")))');
    expect(fts("a OR (b -c)").match).toBe('("a" OR ("b" NOT "c"))');
  });

  it("gives a query that only excludes as `exclude`", () => {
    expect(fts("-a -b")).toEqual({ match: null, exclude: '("a" OR "b")' });
    expect(fts("-title:a")).toEqual({ match: null, exclude: 'title : ("a")' });
    expect(fts("-(a -b)")).toEqual({ match: null, exclude: '("a" NOT "b")' });
  });

  it("gives nothing for an empty query", () => {
    expect(toFts5(null)).toEqual({ match: null, exclude: null });
    expect(toFts5(and())).toEqual({ match: null, exclude: null });
    expect(toFts5(or(term("***"), and()))).toEqual({ match: null, exclude: null });
  });

  it("keeps the accents FTS5 keeps itself, so ё and Greek tonos still match", () => {
    expect(fts("Жёлтый").match).toBe('"жёлтый"');
    expect(fts("Poke\u0301mon").match).toBe('"pokémon"'); // composed
  });

  it("writes a hand-built OR with exclusions as an exclusion, never throwing", () => {
    expect(toFts5(or(term("a"), not(term("b"))))).toEqual({ match: null, exclude: '("b" NOT "a")' });
    expect(toFts5(or(not(term("a")), not(term("b"))))).toEqual({ match: null, exclude: '("a" AND "b")' });
    expect(toFts5(not(not(term("a"))))).toEqual({ match: '"a"', exclude: null });
  });
});

describe("toFts5 against a real FTS5 table", () => {
  let db: Database.Database;
  const works = [
    [
      1,
      "Dragon Knight",
      "anna",
      "A dragon and a knight become found family.",
      "",
      "Found Family\nFluff",
      "Pokémon",
      "The dragon slept.",
    ],
    [
      2,
      "Spider-Man: Homecoming Redux",
      "bob",
      "Peter swings.",
      "",
      "Angst",
      "Marvel",
      "spider man swings through the city",
    ],
    [
      3,
      "Drarry Forever",
      "draco fan",
      "Draco/Harry slow burn.",
      "notes",
      "Slow Burn",
      "Harry Potter",
      "the knight of slytherin",
    ],
    [4, "Pokemon Journeys", "ash", "", "", "", "Pokemon", "café au lait; жёлтый дракон"],
  ] as const;

  beforeAll(() => {
    db = new Database(":memory:");
    db.exec(`create virtual table t using fts5(title, creators, summary, notes, tags, fandoms, body,
      tokenize='unicode61 remove_diacritics 2')`);
    const insert = db.prepare(
      "insert into t (rowid, title, creators, summary, notes, tags, fandoms, body) values (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const w of works) insert.run(...w);
  });
  afterAll(() => db.close());

  function search(q: string): number[] {
    const { match, exclude } = toFts5(parse(q).text);
    const ids = (sql: string, arg?: string) =>
      (db.prepare(sql).all(...(arg === undefined ? [] : [arg])) as { rowid: number }[]).map((r) => r.rowid);
    if (match !== null) return ids("select rowid from t where t match ? order by rowid", match);
    if (exclude !== null) {
      return ids(
        "select rowid from t where rowid not in (select rowid from t where t match ?) order by rowid",
        exclude,
      );
    }
    return ids("select rowid from t order by rowid");
  }

  it("finds works by AND, OR and phrases", () => {
    expect(search("dragon knight")).toEqual([1]);
    expect(search("knight")).toEqual([1, 3]);
    expect(search("dragon OR drarry")).toEqual([1, 3]);
    expect(search('"found family"')).toEqual([1]);
    expect(search('"family found"')).toEqual([]);
    expect(search("spider-man")).toEqual([2]);
    expect(search("draco/harry")).toEqual([3]);
  });

  it("finds works by prefix", () => {
    expect(search("drag*")).toEqual([1]);
    expect(search("dra*")).toEqual([1, 3]);
    expect(search("spider-m*")).toEqual([2]);
  });

  it("leaves out excluded works", () => {
    expect(search("knight -dragon")).toEqual([3]);
    expect(search("-dragon")).toEqual([2, 3, 4]);
    expect(search("-dragon -spider")).toEqual([3, 4]);
    expect(search("(dragon OR spider*) -angst")).toEqual([1]);
    expect(search("-(-dragon -spider)")).toEqual([1, 2]);
    expect(search("-(knight -dragon)")).toEqual([1, 2, 4]);
  });

  it("filters by field", () => {
    expect(search("title:knight")).toEqual([1]);
    expect(search("creator:ash")).toEqual([4]);
    expect(search('by:"draco fan"')).toEqual([3]);
    expect(search('tag:"found family"')).toEqual([1]);
    expect(search("tag:pokemon")).toEqual([1, 4]);
    expect(search("fandom:marvel")).toEqual([2]);
    expect(search("fandom:angst")).toEqual([]);
    expect(search("title:(dragon OR drarry)")).toEqual([1, 3]);
    expect(search("title:knight OR tag:angst")).toEqual([1, 2]);
  });

  it("matches whatever the accents and case", () => {
    expect(search("Pokémon")).toEqual([1, 4]);
    expect(search("pokemon")).toEqual([1, 4]);
    expect(search("POKE\u0301MON")).toEqual([1, 4]);
    expect(search("CAFE")).toEqual([4]);
    expect(search("café")).toEqual([4]);
    expect(search("ЖЁЛТЫЙ")).toEqual([4]);
  });

  it("searches with the shortcuts taken out", () => {
    expect(search("dragon words>1000 sort:kudos")).toEqual([1]);
    expect(search("words>1000")).toEqual([1, 2, 3, 4]);
  });

  it("survives fuzzing: a QueryError or a MATCH that FTS5 accepts", () => {
    let seed = 20261121;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const pieces = [
      '"',
      "(",
      ")",
      "-",
      ":",
      "*",
      "**",
      " ",
      " ",
      " ",
      "OR",
      "or",
      "AND",
      "NOT",
      "not",
      "||",
      "&&",
      "|",
      "&",
      "title:",
      "by:",
      "tag:",
      "fandom:",
      "xyz:",
      "words>",
      "kudos:",
      "sort:",
      "1,000",
      "5-2",
      "dragon",
      "knight",
      "é",
      "Pokémon",
      "near",
      "NEAR",
      "^",
      "+",
      "{",
      "}",
      "'",
      "\\",
      "\u0301",
      "日本",
      "🐉",
      "1",
    ];
    let parsed = 0;
    let refused = 0;
    for (let n = 0; n < 500; n++) {
      const length = 1 + Math.floor(random() * 14);
      let q = "";
      for (let i = 0; i < length; i++)
        q += pieces[Math.floor(random() * pieces.length)]! + (random() < 0.4 ? " " : "");
      let text: QueryNode | null;
      try {
        text = parseSearchQuery(q, { maxLength: 1000, maxDepth: 8, maxTerms: 40 }).text;
      } catch (e) {
        expect(e, q).toBeInstanceOf(QueryError);
        refused++;
        continue;
      }
      parsed++;
      const { match, exclude } = toFts5(text);
      for (const expr of [match, exclude]) {
        if (expr === null) continue;
        expect(
          () => db.prepare("select rowid from t where t match ?").all(expr),
          `${q} → ${expr}`,
        ).not.toThrow();
      }
    }
    expect(parsed).toBeGreaterThan(250);
    expect(refused).toBeGreaterThan(10);
  });
});
