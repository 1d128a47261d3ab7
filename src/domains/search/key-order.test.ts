import { describe, expect, it } from "vitest";
import { prng } from "../../../test/support/prng.js";
import { KeyOrder } from "./key-order.js";

describe("KeyOrder", () => {
  it("walks the listed docs in key order (ties by doc) both ways, through changes, removals and remakes", () => {
    const random = prng(42);
    const size = 300;
    const keys = new Int32Array(size);
    const listed = new Uint8Array(size);
    for (let doc = 0; doc < size; doc++) {
      keys[doc] = Math.floor(random() * 50); // many ties
      listed[doc] = random() < 0.8 ? 1 : 0;
    }
    const order = new KeyOrder((doc) => keys[doc]!, 10);
    const isListed = (doc: number) => listed[doc] === 1;
    const expected = (desc: boolean) => {
      const docs = [...Array(size).keys()].filter(isListed);
      docs.sort((a, b) => keys[a]! - keys[b]! || a - b);
      return desc ? docs.reverse() : docs;
    };
    const walked = (desc: boolean, stopAfter = Infinity) => {
      const docs: number[] = [];
      order.walk(size, isListed, desc, (doc) => {
        docs.push(doc);
        return docs.length < stopAfter;
      });
      return docs;
    };
    for (let round = 0; round < 400; round++) {
      // A few docs change, often the same ones again: a new key, removed, or listed again.
      for (let n = Math.floor(random() * 4); n > 0; n--) {
        const doc = Math.floor(random() ** 3 * size);
        if (random() < 0.25) listed[doc] = 0;
        else {
          listed[doc] = 1;
          keys[doc] = Math.floor(random() * 50);
        }
        order.touch(doc);
      }
      const desc = random() < 0.5;
      const stop = random() < 0.3 ? 1 + Math.floor(random() * 30) : Infinity;
      expect(walked(desc, stop)).toEqual(expected(desc).slice(0, stop));
    }
  });

  it("stops where the visitor says, and walks nothing when nothing is listed", () => {
    const order = new KeyOrder((doc) => 10 - doc);
    const seen: number[] = [];
    order.walk(
      10,
      () => true,
      false,
      (doc) => seen.push(doc) < 3,
    );
    expect(seen).toEqual([9, 8, 7]);
    const none: number[] = [];
    new KeyOrder(() => 0).walk(
      5,
      () => false,
      true,
      (doc) => none.push(doc) > 0,
    );
    expect(none).toEqual([]);
  });
});
