import { PasswordServiceClientCredentialFactory } from 'botframework-connector';

type SignableRequest = { headers: { set(name: string, value: string): void } };

/**
 * Outbound Bot Framework credentials for tests: the same app id checks as production, but a fixed
 * bearer token instead of a call to login.microsoftonline.com.
 */
export class StaticTokenCredentialsFactory extends PasswordServiceClientCredentialFactory {
  constructor(
    appId: string,
    readonly token = 'test-token',
  ) {
    super(appId, 'unused-in-tests');
  }

  override async createCredentials(appId: string): Promise<never> {
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    const token = this.token;
    const credentials = {
      async signRequest<T extends SignableRequest>(request: T): Promise<T> {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
    return credentials as never;
  }
}
