import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../log/logger.js';
import type { TabUser } from './tab-token.js';

/** The Teams tab asks here for its wallboard link, with the user's SSO token. */
export const TEAMS_TAB_LINK_ROUTE = '/wallboard/teams/link';

export interface TabLinkOptions {
  verify: (token: string) => Promise<TabUser | undefined>;
  /** A desk link to the watched sources; undefined when links cannot be made here. */
  link: () => Promise<string | undefined>;
  logger: Logger;
}

/**
 * `POST /wallboard/teams/link` with `Authorization: Bearer <Teams SSO token>`: a desk link to the
 * wallboard for a signed-in user of a tenant served (JSON `{ url }`), 401 for anything else.
 *
 * @example
 *   routes[`POST ${TEAMS_TAB_LINK_ROUTE}`] = teamsTabLink({ verify: tabTokenVerifier({ appId, tenantIds }), link, logger });
 */
export function teamsTabLink(options: TabLinkOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const user = token ? await options.verify(token) : undefined;
    const json = (status: number, body: unknown): void =>
      void res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
        .end(JSON.stringify(body));
    if (!user) return json(401, { error: 'Sign in to Teams to see the wallboard.' });
    const url = await options.link();
    if (!url) return json(503, { error: 'The wallboard needs PUBLIC_URL (https) on the bot.' });
    options.logger.info({ tenant: user.tenantId }, 'Teams tab: wallboard link made for a signed-in user');
    json(200, { url });
  };
}
