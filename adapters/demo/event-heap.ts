/** A scheduled happening of the day simulation. `kind` also orders ties: lower first. */
export interface SimEvent {
  at: number;
  kind: number;
  /** Agent index or conversation index, by kind. */
  ref: number;
  /** Extra argument (break number). */
  arg: number;
  /** Insertion order: the last tie-breaker, so equal events keep a stable order. */
  order: number;
}

/** Min-heap of events by (at, kind, order). */
export class EventHeap {
  private readonly items: SimEvent[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, kind: number, ref: number, arg = 0): void {
    const items = this.items;
    items.push({ at, kind, ref, arg, order: this.counter++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): SimEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.kind !== b.kind) return a.kind < b.kind;
  return a.order < b.order;
}
