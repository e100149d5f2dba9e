import { formatLocalDateTime } from '../src/reply/format.js';
import { echo } from '../src/router/replies.js';
import type { CommandDefinition } from '../src/router/types.js';
import { AccessDeniedError, UsageError } from '../src/router/types.js';
import { didYouMean } from '../src/util/suggest.js';

/**
 * `/wallboard [tv] [source…]`: a signed, expiring link to the live floor of these sources (all the
 * watcher polls when none is named): a page for a desk or a phone, or with `tv` a long-lived one
 * for a screen on the floor (supervisors). `/wallboard revoke` (supervisors) ends every link made
 * so far. The link is a key to the page: it is answered privately, never shared in the channel.
 *
 * @example
 *   await wallboardCommand.handler(ctxWithArgs(['emea'])); // "Wallboard — EMEA", button "Open wallboard"
 *   await wallboardCommand.handler(ctxWithArgs(['revoke'])); // "Every wallboard link made so far is revoked"
 */
export const wallboardCommand: CommandDefinition = {
  name: 'wallboard',
  summary: 'A private link to the live wallboard of your queues (tiles, alerts, last hour); add tv for a floor screen, or revoke to end every link.',
  usage: '/wallboard [tv] [source…] | /wallboard revoke',
  // Only sources the watcher polls have a board.
  examples: ({ sources, watched = [] }) => {
    const shown = sources.filter((s) => watched.includes(s));
    return shown.length ? ['/wallboard', ...(sources.length > 1 ? [`/wallboard ${shown[0]}`] : [])] : [];
  },
  access: 'everyone',
  usesSource: false,
  // Revoking ends every link: "Share in channel" must never run it a second time.
  acts: (args) => args[0]?.toLowerCase() === 'revoke',
  async handler(ctx) {
    const wallboard = ctx.wallboard;
    if (!wallboard) throw new UsageError('The wallboard needs the watcher, which is off here (watcher.enabled: false).');
    if (wallboard.problem) throw new UsageError(wallboard.problem);
    const words = ctx.args.map((a) => a.trim()).filter(Boolean);
    if (words[0]?.toLowerCase() === 'revoke') {
      if (words.length > 1) throw new UsageError('Usage: /wallboard revoke (it ends every wallboard link made so far).');
      if (!ctx.isSupervisor) throw new AccessDeniedError('Revoking wallboard links is for supervisors.');
      await wallboard.revoke();
      ctx.audit({ action: 'wallboard.revoke', target: 'wallboard:*', asker: ctx.asker });
      return {
        title: 'Wallboard links revoked',
        summary: 'Every wallboard link made so far is revoked: open pages close now. Ask /wallboard for a new one.',
        visibility: 'public',
        tone: 'good',
      };
    }
    const tv = words[0]?.toLowerCase() === 'tv';
    if (tv && !ctx.isSupervisor) throw new AccessDeniedError('Long-lived TV links are for supervisors; /wallboard alone gives you a link for your desk.');
    const named = tv ? words.slice(1) : words;
    const known = ctx.sources.all();
    const chosen: string[] = [];
    for (const word of named) {
      const source = ctx.sources.get(word) ?? known.find((s) => s.id.toLowerCase() === word.toLowerCase());
      if (!source)
        throw new UsageError(
          `"${echo(word)}" is not a source.${didYouMean(
            word,
            known.map((s) => s.id),
          )} Sources: ${known.map((s) => s.id).join(', ')}.`,
        );
      if (!wallboard.watched.has(source.id))
        throw new UsageError(
          `${source.label} has no live board: the watcher polls only the sources an alert rule watches. Add a rule on "${source.id}" to show it.`,
        );
      if (!chosen.includes(source.id)) chosen.push(source.id);
    }
    if (chosen.length === 0) chosen.push(...known.filter((s) => wallboard.watched.has(s.id)).map((s) => s.id));
    if (chosen.length === 0) throw new UsageError('No source has a live board: the watcher polls only the sources an alert rule watches.');
    const { url, expiresAt } = await wallboard.link(chosen, tv ? 'tv' : 'desk');
    const here = /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url)
      ? ' It opens on this machine only: set PUBLIC_URL to the bot’s https address for others.'
      : '';
    const labels = chosen.map((id) => ctx.sources.get(id)?.label ?? id);
    const zone = ctx.sources.get(chosen[0]!)?.timeZone ?? 'UTC';
    ctx.audit({ action: tv ? 'wallboard.link-tv' : 'wallboard.link', target: `wallboard:${chosen.join(',')}`, asker: ctx.asker });
    return {
      title: `Wallboard — ${labels.join(' · ')}`,
      summary: `Your ${tv ? 'TV' : 'desk'} link to the live floor, until ${formatLocalDateTime(expiresAt.toISOString(), zone)}. Anyone with it sees the board: keep it to yourself (or to the screen).${here}`,
      buttons: [{ label: 'Open wallboard', action: 'open', value: url, style: 'primary' }],
      context: { note: 'Live figures from the watcher: opening it costs no vendor request. /wallboard revoke ends every link.' },
      visibility: 'private',
    };
  },
};
