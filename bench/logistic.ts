/** A logistic regression for the bound benches (`bench/forecast-bound.ts`, `bench/alert-noise-bound.ts`): small, no dependency. */

/** Logistic regression with a little L2, by Newton's method on standardised features. */
export function fitLogistic(rows: readonly number[][], y: readonly number[]): (row: readonly number[]) => number {
  const k = rows[0]!.length;
  const mean = new Array<number>(k).fill(0);
  const sd = new Array<number>(k).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j]! += v / rows.length));
  for (const r of rows) r.forEach((v, j) => (sd[j]! += (v - mean[j]!) ** 2 / rows.length));
  for (let j = 0; j < k; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  const z = (r: readonly number[]) => [...r.map((v, j) => (v - mean[j]!) / sd[j]!), 1];
  const zs = rows.map(z);
  const w = new Array<number>(k + 1).fill(0);
  const l2 = 1e-3;
  for (let iter = 0; iter < 30; iter++) {
    const g = new Array<number>(k + 1).fill(0);
    const h = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    zs.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * w[j]!, 0)));
      for (let a = 0; a <= k; a++) {
        g[a]! += ((p - y[n]!) * x[a]!) / zs.length;
        for (let b = 0; b <= k; b++) h[a]![b]! += (p * (1 - p) * x[a]! * x[b]!) / zs.length;
      }
    });
    for (let a = 0; a <= k; a++) {
      g[a]! += l2 * w[a]!;
      h[a]![a]! += l2;
    }
    const step = solve(h, g);
    for (let a = 0; a <= k; a++) w[a]! -= step[a]!;
  }
  return (row) => 1 / (1 + Math.exp(-z(row).reduce((s, v, j) => s + v * w[j]!, 0)));
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let j = r + 1; j < n; j++) s -= m[r]![j]! * x[j]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}
