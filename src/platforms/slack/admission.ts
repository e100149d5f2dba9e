import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';
import { originOf, outboundAllowList } from '../../http/outbound-urls.js';

/** Slack's own hosts for `response_url` (commercial and GovSlack). */
export const SLACK_RESPONSE_HOSTS = ['hooks.slack.com', '*.slack.com', 'hooks.slack-gov.com', '*.slack-gov.com'] as const;

/**
 * Which `response_url`s the bot posts to: Slack's hosts, and the origin of SLACK_API_URL when it
 * is set (a proxy, or the tests' fake Slack, serves response URLs next to the Web API).
 *
 * @example
 *   const allowed = responseUrlAllowList('http://127.0.0.1:4000/api/');
 *   allowed('https://hooks.slack.com/actions/T1/2/3'); // true
 *   allowed('http://127.0.0.1:9999/x');                // false: another port
 */
export function responseUrlAllowList(apiUrl?: string): (url: string) => boolean {
  const api = apiUrl ? originOf(apiUrl) : undefined;
  return outboundAllowList([...SLACK_RESPONSE_HOSTS, ...(api ? [api] : [])]);
}

/** The workspace (and Enterprise Grid organization) a request says it comes from. */
export interface RequestWorkspace {
  teamId?: string;
  enterpriseId?: string;
}

/** Reads team and enterprise ids from a slash command, an interactive payload or an event. */
export function workspaceOf(body: Record<string, unknown>): RequestWorkspace {
  const team = body.team as { id?: unknown } | undefined;
  const user = body.user as { team_id?: unknown } | undefined;
  const enterprise = body.enterprise as { id?: unknown } | undefined;
  const teamId = str(body.team_id) ?? str(team?.id) ?? str(user?.team_id);
  const enterpriseId = str(body.enterprise_id) ?? str(enterprise?.id);
  return { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) };
}

export interface WorkspaceGate {
  /** Why the request is not served (another workspace, or ours is not known yet); undefined when it is. */
  refusal(workspace: RequestWorkspace): Promise<string | undefined>;
  /** What `auth.test` said at start, so the first request need not ask again. */
  learn(auth: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }): void;
}

/** How long a failed `auth.test` is remembered before the next request asks again. */
const RETRY_MS = 30_000;

/**
 * Only the installed workspace is served. It is the configured list (SLACK_TEAM_IDS) when there
 * is one, else what `auth.test` says about the bot token: its team, or its whole organization
 * for an Enterprise Grid org-wide install. Until the workspace is known (Slack unreachable at
 * start), requests are refused rather than served on trust; `auth.test` is asked again at most
 * every 30 s.
 *
 * @example
 *   const gate = createWorkspaceGate({ client, logger });
 *   await gate.refusal({ teamId: 'T0OTHER' }); // 'workspace T0OTHER is not the one this bot is installed in'
 */
export function createWorkspaceGate(options: { client: webApi.WebClient; teamIds?: readonly string[]; logger: Logger; now?: () => number }): WorkspaceGate {
  const now = options.now ?? Date.now;
  const configured = (options.teamIds ?? []).map((t) => t.trim()).filter(Boolean);
  let known: { teams: Set<string>; enterprise?: string } | undefined = configured.length ? { teams: new Set(configured) } : undefined;
  let asking: Promise<void> | undefined;
  let failedAt = -Infinity;

  const learn: WorkspaceGate['learn'] = (auth) => {
    if (configured.length) return;
    const teams = new Set(auth.team_id ? [auth.team_id] : []);
    known = { teams, ...(auth.is_enterprise_install && auth.enterprise_id ? { enterprise: auth.enterprise_id } : {}) };
  };

  async function ask(): Promise<void> {
    if (known || now() - failedAt < RETRY_MS) return;
    asking ??= options.client.auth
      .test()
      .then((who) => learn(who as Parameters<typeof learn>[0]))
      .catch((error: unknown) => {
        failedAt = now();
        options.logger.warn(
          { err: (error as Error).message },
          'Slack: could not ask auth.test which workspace the bot is installed in; requests are refused until it answers (or set SLACK_TEAM_IDS)',
        );
      })
      .finally(() => (asking = undefined));
    await asking;
  }

  return {
    learn,
    async refusal({ teamId, enterpriseId }) {
      await ask();
      if (!known) return 'the workspace this bot is installed in is not known yet (auth.test did not answer)';
      if (teamId && known.teams.has(teamId)) return undefined;
      if (known.enterprise && enterpriseId === known.enterprise) return undefined;
      return `workspace ${teamId ?? '(none)'}${enterpriseId ? ` of organization ${enterpriseId}` : ''} is not the one this bot is installed in`;
    },
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
