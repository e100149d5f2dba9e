import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../../log/logger.js';

/** The Azure Bot registration, as MICROSOFT_APP_ID / _PASSWORD / _TENANT_ID / _TYPE give it. */
export interface TeamsCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** `MultiTenant`, `SingleTenant` or `UserAssignedMsi`; default SingleTenant when a tenant id is given, else MultiTenant. */
  appType?: string;
  /**
   * Where the Bot Framework's signing keys are published (its OpenID metadata document). Default
   * the Bot Framework's own; tests point it at a local identity host whose keys they hold.
   */
  openIdMetadataUrl?: string;
}

/**
 * - `authenticated`: every request must carry a valid Bot Framework token (401 otherwise).
 * - `anonymous`: no app id and TEAMS_ALLOW_ANONYMOUS=true (the local emulator): requests are accepted unsigned.
 * - `disabled`: no app id otherwise: every request is refused.
 */
export type TeamsAuthMode = 'authenticated' | 'anonymous' | 'disabled';

/** CloudAdapter with the turn entry point opened up, so our own HTTP handler can answer (no Express shim). */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates the activity against `authHeader` (throws a 401-coded error) and runs `logic`. */
  runActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

const APP_TYPES = { multitenant: 'MultiTenant', singletenant: 'SingleTenant', userassignedmsi: 'UserAssignedMsi' } as const;

/** A configuration problem with the Teams credentials; the message says which variable to fix. */
export class TeamsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsConfigError';
  }
}

/**
 * Builds the CloudAdapter from the bot's credentials (ConfigurationBotFrameworkAuthentication)
 * and decides the auth mode. Throws TeamsConfigError, naming the variable, on inconsistent
 * credentials, so a bad deployment fails at start rather than on the first message.
 *
 * @example
 *   const { adapter, mode } = createBotAdapter({ appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD }, false, log);
 */
export function createBotAdapter(
  credentials: TeamsCredentials,
  allowAnonymous: boolean,
  logger: Logger,
): { adapter: TeamsCloudAdapter; mode: TeamsAuthMode; appId: string } {
  const appId = credentials.appId?.trim() ?? '';
  if (appId === '') {
    const mode: TeamsAuthMode = allowAnonymous ? 'anonymous' : 'disabled';
    if (credentials.appPassword) logger.warn('Teams: MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not; the password is ignored.');
    if (mode === 'anonymous') {
      logger.error(
        'Teams: AUTHENTICATION IS OFF (TEAMS_ALLOW_ANONYMOUS=true and no MICROSOFT_APP_ID): /api/messages accepts unsigned requests from anyone, who may claim to be any user, supervisors included. This is for the Bot Framework Emulator on your own machine only; unset TEAMS_ALLOW_ANONYMOUS and set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD before exposing this server.',
      );
    } else {
      // The start-up lines already say Teams is off and how to turn it on: here only for debugging.
      logger.debug(
        'Teams is off: MICROSOFT_APP_ID is not set, so /api/messages refuses every request (401). Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (and MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE for a single-tenant bot) to enable it, or TEAMS_ALLOW_ANONYMOUS=true for the Bot Framework Emulator on your machine.',
      );
    }
    return { adapter: new TeamsCloudAdapter(new ConfigurationBotFrameworkAuthentication({})), mode, appId };
  }
  const tenantId = credentials.tenantId?.trim() || undefined;
  const appType = resolveAppType(credentials.appType, tenantId);
  const password = credentials.appPassword?.trim() || undefined;
  if (appType !== 'UserAssignedMsi' && !password)
    throw new TeamsConfigError(
      `MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID for a ${appType} bot (or set MICROSOFT_APP_TYPE=UserAssignedMsi for a managed identity).`,
    );
  if (appType === 'UserAssignedMsi' && password)
    throw new TeamsConfigError('MICROSOFT_APP_PASSWORD must not be set with MICROSOFT_APP_TYPE=UserAssignedMsi (the managed identity has no password).');
  if (appType !== 'MultiTenant' && !tenantId) throw new TeamsConfigError(`MICROSOFT_APP_TENANT_ID is required with MICROSOFT_APP_TYPE=${appType}.`);
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppType: appType,
    ...(password ? { MicrosoftAppPassword: password } : {}),
    ...(tenantId ? { MicrosoftAppTenantId: tenantId } : {}),
    ...(credentials.openIdMetadataUrl ? publicCloudWithKeysFrom(credentials.openIdMetadataUrl) : {}),
  });
  logger.info({ appType, tenant: tenantId ?? 'any' }, 'Teams: Bot Framework authentication is on');
  return { adapter: new TeamsCloudAdapter(auth), mode: 'authenticated', appId };
}

/**
 * The public cloud's settings with another keys document: the SDK takes all of them as given
 * once any is set, so the rest are spelled out (as botframework-connector's constants hold them).
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
  };
}

function resolveAppType(given: string | undefined, tenantId: string | undefined): (typeof APP_TYPES)[keyof typeof APP_TYPES] {
  if (!given?.trim()) return tenantId ? 'SingleTenant' : 'MultiTenant';
  const known = APP_TYPES[given.trim().toLowerCase() as keyof typeof APP_TYPES];
  if (!known) throw new TeamsConfigError(`MICROSOFT_APP_TYPE="${given}" is not one of MultiTenant, SingleTenant, UserAssignedMsi.`);
  return known;
}

/** True for the SDK's authentication failures (its AuthenticationError carries the HTTP status). */
export function isAuthenticationError(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return err instanceof Error && err.constructor.name === 'AuthenticationError' && (status === 401 || status === 403);
}
