import type { ChatPlatform } from '../domain/chat-platform.js';
import type { Reply } from '../reply/reply.js';
import type { CommandRouter } from '../router/types.js';

/** Turns a reply's chart into a picture the platform can show (upload, signed link). */
export type AttachChart = (reply: Reply) => Promise<Reply>;

/**
 * The router one platform uses, with charts turned into its pictures on the way out. A failure
 * to attach never costs the answer: the reply goes without its picture.
 *
 * @example
 *   const teamsRouter = routerWithCharts(router, attachTeamsChart(links));
 */
export function routerWithCharts(router: CommandRouter, attach: AttachChart): CommandRouter {
  const run = router.run?.bind(router);
  const track = router.track?.bind(router);
  return {
    commandsFor: (asker) => router.commandsFor(asker),
    ...(track ? { track } : {}),
    handle: async (input) => attach(await router.handle(input)),
    ...(run
      ? {
          run: async (input) => {
            const result = await run(input);
            return { ...result, reply: await attach(result.reply) };
          },
        }
      : {}),
  };
}

/**
 * A platform whose posts and updates (alerts, summaries) carry their charts as pictures.
 *
 * @example
 *   platforms.push(platformWithCharts(teams.platform, attachTeamsChart(links)));
 */
export function platformWithCharts(platform: ChatPlatform, attach: AttachChart): ChatPlatform {
  const replyInThread = platform.replyInThread?.bind(platform);
  return {
    name: platform.name,
    handles: (ref) => platform.handles(ref),
    post: async (ref, reply, options) => platform.post(ref, await attach(reply), options),
    update: async (ref, reply) => platform.update(ref, await attach(reply)),
    ...(replyInThread ? { replyInThread: async (ref: string, reply: Reply) => replyInThread(ref, await attach(reply)) } : {}),
  };
}

/**
 * Teams: the chart as signed, expiring image URLs, one for a light background and one for a
 * dark one (the card offers both; Teams shows the one for the reader's theme).
 */
export function attachChartLink(link: (chart: NonNullable<Reply['chart']>, options?: { theme?: 'light' | 'dark' }) => Promise<string>): AttachChart {
  return async (reply) => {
    if (!reply.chart) return reply;
    const [url, darkUrl] = await Promise.all([link(reply.chart), link(reply.chart, { theme: 'dark' })]);
    return { ...reply, chart: { ...reply.chart, image: { url, darkUrl } } };
  };
}
