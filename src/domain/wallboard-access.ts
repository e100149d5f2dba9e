/** A TV on the floor (long-lived) or a desk or phone (a working day). */
export type LinkKind = 'tv' | 'desk';

/**
 * What `/wallboard` needs: links to make and revoke, and which sources have a board (those the
 * watcher polls). Built at the composition root; absent when the watcher does not run.
 *
 * @example
 *   const { url } = await ctx.wallboard.link(['emea'], 'desk');
 */
export interface WallboardAccess {
  /** Why links cannot be made here (no PUBLIC_URL, http on a public host), or undefined. */
  problem?: string;
  link(sources: readonly string[], kind: LinkKind): Promise<{ url: string; expiresAt: Date }>;
  /** Ends every link made so far, on every replica; resolves with how many pages were open here. */
  revoke(): Promise<void>;
  /** Sources with a live board: those the watcher polls. */
  watched: ReadonlySet<string>;
}
