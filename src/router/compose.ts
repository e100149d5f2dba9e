/** One step of the router: do something, then `next()` to let the rest run (or not). */
export type Middleware<T> = (turn: T, next: () => Promise<void>) => Promise<void>;

/**
 * Chains middleware in order, grammY style: each step decides whether the rest runs by calling
 * `next()`, and may act after it returns. Calling `next()` twice is a bug and throws.
 *
 * @example
 *   const run = compose<Turn>([measure, errorBoundary, parse, authorize, execute]);
 *   await run(turn);
 */
export function compose<T>(steps: Middleware<T>[]): (turn: T) => Promise<void> {
  return (turn) => {
    const dispatch = async (index: number): Promise<void> => {
      const step = steps[index];
      if (!step) return;
      let called = false;
      await step(turn, async () => {
        if (called) throw new Error(`next() called twice by router step ${index}`);
        called = true;
        await dispatch(index + 1);
      });
    };
    return dispatch(0);
  };
}
