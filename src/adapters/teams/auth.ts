import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { BotFrameworkAuthentication, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../../platform/config.ts';

export const DEV_WITH_APP_ID =
  "BOUSSOLE_TEAMS_DEV=1 désactive l'authentification Teams : il ne se combine pas avec MICROSOFT_APP_ID. Pour un essai local, retirez MICROSOFT_APP_ID ; sur un serveur, retirez BOUSSOLE_TEAMS_DEV";

/** The Teams adapter cannot start safely with this configuration. */
export class TeamsStartError extends Error {
  readonly code = 'teams_start';
}

export interface TeamsAuthentication {
  authentication: BotFrameworkAuthentication;
  /** The app id proactive sends act as: '' when authentication is off (botbuilder requires a string). */
  appId: string;
  enabled: boolean;
}

/**
 * Maps MICROSOFT_APP_* to Bot Framework authentication. It is on whenever dev mode is off: an
 * empty configuration would silently accept unsigned requests, so a missing app id outside dev
 * mode stops start-up instead. `credentialsFactory` replaces the Entra ID token client (tests use
 * a static token so nothing leaves the machine).
 */
export function createAuthentication(
  teams: Config['teams'],
  credentialsFactory?: unknown,
): TeamsAuthentication {
  if (credentialsFactory !== undefined && !isCredentialsFactory(credentialsFactory)) {
    throw new TeamsStartError(
      'credentialsFactory doit être une ServiceClientCredentialsFactory de botframework-connector',
    );
  }
  if (teams.devMode) {
    // A real app id means a real bot registration: switching its authentication off by a leftover
    // dev flag would expose the endpoint behind the reverse proxy. loadConfig refuses it first.
    if (teams.appId) throw new TeamsStartError(DEV_WITH_APP_ID);
    return {
      authentication: new ConfigurationBotFrameworkAuthentication({}, credentialsFactory),
      appId: '',
      enabled: false,
    };
  }
  if (!teams.appId) {
    throw new TeamsStartError(
      'MICROSOFT_APP_ID est requis pour Teams (ou BOUSSOLE_TEAMS_DEV=1 pour un essai local sans authentification)',
    );
  }
  const options = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppTenantId: teams.tenantId,
    MicrosoftAppType: teams.appType ?? 'MultiTenant',
  };
  return {
    authentication: new ConfigurationBotFrameworkAuthentication(options, credentialsFactory),
    appId: teams.appId,
    enabled: true,
  };
}

function isCredentialsFactory(value: unknown): value is ServiceClientCredentialsFactory {
  const candidate = value as Partial<ServiceClientCredentialsFactory> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.createCredentials === 'function' &&
    typeof candidate.isValidAppId === 'function'
  );
}
