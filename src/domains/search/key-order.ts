// Listed works kept in the order of one sort key (date updated, date posted), so that a listing
// sorted by it reads only as far as its page instead of sorting every work it matches. The order
// is made by one sort when first needed. A work put or removed after that is marked, skipped where
// the order has it, and read instead from a short list of changed works sorted on demand; after too
// many changes the two are merged into a new order (one pass, no sort). Pure and synchronous, like
// the index that owns it.

// Keys are packed with the doc number into one exact float64, as the index packs them.
const DOC_BITS = 2 ** 26;

/** Changed works kept beside the order before the two are merged (at least). */
export const ORDER_CHANGES_MAX = 4_096;

export class KeyOrder {
  /** Listed docs by (key, doc), ascending; null until made. */
  private order: Int32Array | null = null;
  /** Per doc: 1 when changed since the order was made (its place there is out of date). */
  private changedFlag = new Uint8Array(0);
  private changed: number[] = [];
  /** The changed docs still listed, packed and sorted; null when changes came since. */
  private side: Float64Array | null = null;

  constructor(
    /** The doc's key now: a whole number in [0, 2^27). */
    private readonly keyOf: (doc: number) => number,
    private readonly changesMax = ORDER_CHANGES_MAX,
  ) {}

  /** Notes that a doc's key changed or that it was put or removed. */
  touch(doc: number): void {
    if (this.order === null) return;
    if (doc >= this.changedFlag.length) {
      const next = new Uint8Array(Math.max(doc + 1, this.changedFlag.length * 2));
      next.set(this.changedFlag);
      this.changedFlag = next;
    }
    if (this.changedFlag[doc] === 1) {
      this.side = null;
      return;
    }
    this.changedFlag[doc] = 1;
    this.changed.push(doc);
    this.side = null;
  }

  /**
   * Calls `visit` with every listed doc (as `listed` says, from `size` docs), highest key first
   * when `desc` (ties: highest doc first), lowest first otherwise, until it returns false.
   */
  walk(size: number, listed: (doc: number) => boolean, desc: boolean, visit: (doc: number) => boolean): void {
    let order = this.order ?? this.make(size, listed);
    if (this.changed.length > Math.max(this.changesMax, order.length >>> 6)) order = this.merge(listed);
    const side = this.side ?? this.sortChanged(listed);
    const changedFlag = this.changedFlag;
    const step = desc ? -1 : 1;
    let i = desc ? order.length - 1 : 0;
    let j = desc ? side.length - 1 : 0;
    const packed = (doc: number) => this.keyOf(doc) * DOC_BITS + doc;
    for (;;) {
      while (i >= 0 && i < order.length && changedFlag[order[i]!] === 1) i += step;
      const fromOrder = i >= 0 && i < order.length;
      const fromSide = j >= 0 && j < side.length;
      if (!fromOrder && !fromSide) return;
      let doc: number;
      if (fromOrder && fromSide) {
        const a = packed(order[i]!);
        const b = side[j]!;
        if (desc ? a > b : a < b) {
          doc = order[i]!;
          i += step;
        } else {
          doc = b % DOC_BITS;
          j += step;
        }
      } else if (fromOrder) {
        doc = order[i]!;
        i += step;
      } else {
        doc = side[j]! % DOC_BITS;
        j += step;
      }
      if (!visit(doc)) return;
    }
  }

  private make(size: number, listed: (doc: number) => boolean): Int32Array {
    let n = 0;
    for (let doc = 0; doc < size; doc++) if (listed(doc)) n++;
    const packed = new Float64Array(n);
    n = 0;
    for (let doc = 0; doc < size; doc++) if (listed(doc)) packed[n++] = this.keyOf(doc) * DOC_BITS + doc;
    packed.sort();
    const order = Int32Array.from(packed, (p) => p % DOC_BITS);
    this.order = order;
    this.changedFlag = new Uint8Array(size);
    this.changed = [];
    this.side = new Float64Array(0);
    return order;
  }

  private sortChanged(listed: (doc: number) => boolean): Float64Array {
    const side = Float64Array.from(
      this.changed.filter((doc) => listed(doc)),
      (doc) => this.keyOf(doc) * DOC_BITS + doc,
    ).sort();
    this.side = side;
    return side;
  }

  /** The order with the changed works in their places now (removed ones left out). */
  private merge(listed: (doc: number) => boolean): Int32Array {
    const order = this.order!;
    const side = this.side ?? this.sortChanged(listed);
    const changedFlag = this.changedFlag;
    let kept = 0;
    for (let i = 0; i < order.length; i++) if (changedFlag[order[i]!] !== 1) kept++;
    const next = new Int32Array(kept + side.length);
    let i = 0;
    let j = 0;
    let k = 0;
    for (;;) {
      while (i < order.length && changedFlag[order[i]!] === 1) i++;
      if (i >= order.length && j >= side.length) break;
      if (j >= side.length || (i < order.length && this.keyOf(order[i]!) * DOC_BITS + order[i]! < side[j]!))
        next[k++] = order[i++]!;
      else next[k++] = side[j++]! % DOC_BITS;
    }
    for (const doc of this.changed) changedFlag[doc] = 0;
    this.order = next;
    this.changed = [];
    this.side = new Float64Array(0);
    return next;
  }
}
