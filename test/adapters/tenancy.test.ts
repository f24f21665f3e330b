import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../src/app/app-router.ts';
import type { Router } from '../../src/core/kernel/types.ts';
import { testContext } from '../helpers/plans.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';
import { mentionEvent, sendToSlackApp } from '../helpers/slack-requests.ts';
import { activity, cardText, postActivity } from '../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../helpers/teams-harness.ts';

// Issue 17, tenancy through the real adapters: the académie comes from the Slack workspace of the
// signed event (team_id) and from the Teams tenant of the authenticated activity.
const TEAMS_TENANT = '00000000-0000-0000-0000-0000000000001'; // the fixtures' tenant
const QUESTION = 'Quelles actions pour les faits numériques dans le Cantal ?';

let ctx: ReturnType<typeof testContext>;
let slack: SlackHarness;
let teams: TeamsHarness<Router>;
beforeAll(async () => {
  ctx = testContext({
    BOUSSOLE_TENANTS: `slack:T0CLER=clermont-ferrand, slack:T0ORLE=orleans-tours, teams:${TEAMS_TENANT}=orleans-tours`,
  });
  const router = createAppRouter(ctx);
  slack = await startSlackHarness(router, { db: ctx.db });
  teams = await startTeamsHarness({ router });
});
afterAll(async () => {
  await slack?.close();
  await teams?.close();
  ctx?.cleanup();
});

async function mentionFrom(team: string, ts: string): Promise<string> {
  // An event as Slack sends it for a workspace install: the same team everywhere it is named.
  const body = {
    ...mentionEvent({ user: 'U0ALICE', text: `<@U0BOT> ${QUESTION}`, ts, team }),
    team_id: team,
    context_team_id: team,
    authorizations: [
      { enterprise_id: null, team_id: team, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
  };
  expect((await sendToSlackApp(slack.eventsUrl, SIGNING_SECRET, 'event', body)).status).toBe(200);
  const posted = await slack.fake.waitFor(() =>
    slack.fake.find('chat.postMessage').find((call) => call.body.thread_ts === ts),
  );
  return JSON.stringify(posted.body);
}

describe('the académie of a Slack workspace', () => {
  it('answers Clermont-Ferrand’s workspace from its plans, Orléans-Tours’ from its own, and refuses another', async () => {
    const clermont = await mentionFrom('T0CLER', '1700000001.000100');
    expect(clermont, clermont).toMatch(/Feuille de route CASF/u);
    const orleans = await mentionFrom('T0ORLE', '1700000002.000100');
    expect(orleans).toMatch(/aucun plan pour Cantal/u);
    expect(orleans).not.toMatch(/Feuille de route CASF/u);
    const stranger = await mentionFrom('T0NOPE', '1700000003.000100');
    expect(stranger).toMatch(/slack:T0NOPE/u);
    expect(stranger).toMatch(/BOUSSOLE_TENANTS/u);
  });
});

describe('the académie of a Teams tenant', () => {
  it('answers a person of the Orléans-Tours tenant from its plans only', async () => {
    const { connector, endpoint } = teams;
    const message = activity('personal-message', connector.serviceUrl, { id: 'tenancy-1', text: QUESTION });
    expect((await postActivity(endpoint, message)).status).toBeLessThan(300);
    const [answer] = await connector.waitForMessages(1, 10_000);
    const text = cardText(answer) || JSON.stringify(answer);
    expect(text).toMatch(/aucun plan pour Cantal/u);
    expect(text).not.toMatch(/Feuille de route CASF/u);
  });
});
