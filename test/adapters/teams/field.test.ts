import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_BYTES_BUDGET } from '../../../src/adapters/teams/render.ts';
import { createAppRouter } from '../../../src/app/app-router.ts';
import type { Reply, Router } from '../../../src/core/kernel/types.ts';
import type { Db } from '../../../src/store/db.ts';
import { testContext } from '../../helpers/plans.ts';
import { activity, cardSubmit, cardText, postActivity } from '../../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';
import { decodePng } from '../../helpers/teams-png.ts';
import { CANTAL_ANSWER } from '../../helpers/teams-router.ts';

// Issue 15, Teams: the real CloudAdapter on loopback with a fake Bot Connector.
const harnesses: TeamsHarness<Router>[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});
async function start(router: Router, options: { db?: Db } = {}) {
  const harness = await startTeamsHarness({ router, ...options });
  harnesses.push(harness);
  return harness;
}

const unused = async (): Promise<Reply> => ({ status: 'info', lang: 'fr', text: '' });

describe('the Teams turn', () => {
  it('is acknowledged before the answer is ready, which then arrives on its own as a reply', async () => {
    // The answer is only written once Teams got its HTTP response: a turn that waited for it
    // (as a slow LLM would make it) never ends, which is what Bot Framework's 15 s limit punishes.
    let acknowledged!: () => void;
    const turnEnded = new Promise<void>((resolve) => {
      acknowledged = resolve;
    });
    const slow: Router = {
      handleMessage: async () => {
        await turnEnded;
        return { status: 'answered', lang: 'fr', text: 'Réponse écrite après coup.' };
      },
      homeView: unused,
      handleClick: unused,
    };
    const { endpoint, connector } = await start(slow);
    const question = activity('personal-message', connector.serviceUrl, { id: 'slow-1' });

    const response = await postActivity(endpoint, question);
    expect(response.status).toBe(200);
    expect(connector.calls.map((call) => call.body?.type)).toEqual(['typing']);
    acknowledged();

    const [answer] = await connector.waitForMessages(1);
    expect(answer?.replyToId).toBe('slow-1');
    expect(cardText(answer)).toContain('Réponse écrite après coup.');
  });
});

describe('a note about a click', () => {
  it('is written in the language of the card clicked, not the client’s locale', async () => {
    const router: Router = {
      handleMessage: async () => CANTAL_ANSWER,
      homeView: unused,
      handleClick: async () => ({ status: 'info', lang: 'fr', text: 'Merci.', private: true }),
    };
    const { endpoint, connector } = await start(router);
    await postActivity(endpoint, activity('personal-message', connector.serviceUrl, { id: 'q-1' }));
    const [answer] = await connector.waitForMessages(1);
    const body = answer?.body.attachments[0].content.body;
    const thumbs = body.find((element: { type: string }) => element.type === 'ActionSet').actions[0];
    for (const id of ['up-1', 'up-2']) {
      // The fixture's client is in English (en-US); the answer is in French.
      await postActivity(
        endpoint,
        cardSubmit(connector.serviceUrl, {
          id,
          replyToId: answer?.responseId as string,
          buttonId: thumbs.data.buttonId,
          data: thumbs.data,
        }),
      );
    }
    const [, thanks, note] = await connector.waitForMessages(3);
    expect(cardText(thanks)).toContain('Merci.');
    // 👍 is not a step of a flow: the answer stays, the thanks comes below it.
    expect(thanks?.method).toBe('POST');
    expect(cardText(note)).toContain('Cette action a déjà été prise en compte.');
    expect(thumbs.data).toMatchObject({ lang: 'fr' });
  });
});

describe('a chart asked in Teams', () => {
  it('reaches the user inside the card, as a palette image sized for it', async () => {
    const ctx = testContext();
    try {
      const { repo, catalog } = ctx.measurements();
      const [match] = catalog.search('faits numériques', { scope: 'cantal', unit: 'percent' });
      const indicatorId = match?.indicator.node.id as string;
      const author = { platform: 'console', userId: 'alice' };
      await repo.importMeasurements(
        ['2022-2023', '2023-2024', '2024-2025'].map((period, i) => ({
          indicatorId,
          scope: 'cantal',
          period,
          value: 55 + 3.5 * i,
          unit: 'percent' as const,
          author,
          status: 'validated' as const,
        })),
        { actor: 'console:alice', action: 'import', target: indicatorId, outcome: 'ok', detail: 'test' },
      );
      await repo.setTarget(
        { indicatorId, scope: 'cantal', period: '2025-2026', kind: 'target', value: 65 },
        'test',
      );
      const { endpoint, connector } = await start(createAppRouter(ctx));
      await postActivity(
        endpoint,
        activity('personal-message', connector.serviceUrl, {
          id: 'chart-1',
          text: `graphique ${indicatorId}`,
        }),
      );
      const [answer] = await connector.waitForMessages(1, 10_000);
      const card = answer?.body.attachments[0].content;
      expect(JSON.stringify(card)).not.toContain('Graphique non affiché');
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BYTES_BUDGET);
      const image = card.body.find((element: { type: string }) => element.type === 'Image');
      const png = Buffer.from(String(image.url).replace('data:image/png;base64,', ''), 'base64');
      const decoded = decodePng(png);
      expect(decoded.width).toBeLessThanOrEqual(600);
      expect(decoded.width).toBeGreaterThanOrEqual(400);
      expect(decoded.colorType).toBe(3);
      // The Cantal series is drawn in the chart's first colour (#0072B2): the line survived.
      let blue = 0;
      for (let i = 0; i < decoded.width * decoded.height; i++) {
        const [r = 0, g = 0, b = 0] = decoded.rgba.subarray(i * 4, i * 4 + 3);
        if (r < 24 && Math.abs(g - 0x72) < 24 && Math.abs(b - 0xb2) < 24) blue++;
      }
      expect(blue).toBeGreaterThan(200);
    } finally {
      ctx.cleanup();
    }
  });
});

describe('export in a Teams personal chat', () => {
  it('offers the tracking table with a consent card, then uploads it where Teams says once accepted', async () => {
    const uploads: { headers: http.IncomingHttpHeaders; size: number }[] = [];
    const oneDrive = http.createServer(async (req, res) => {
      let size = 0;
      for await (const chunk of req) size += (chunk as Buffer).length;
      uploads.push({ headers: req.headers, size });
      res.writeHead(201).end('{}');
    });
    await new Promise<void>((resolve) => oneDrive.listen(0, '127.0.0.1', resolve));
    const ctx = testContext();
    try {
      // As in the app, the adapter keeps its offers in the app's database.
      const { db } = ctx;
      const { endpoint, connector } = await start(createAppRouter(ctx), { db });
      const ask = activity('personal-message', connector.serviceUrl, { id: 'export-1', text: 'export' });
      await postActivity(endpoint, ask);
      const [offer] = await connector.waitForMessages(1, 10_000);
      const consent = offer?.body.attachments.find(
        (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent',
      );
      expect(consent.name).toMatch(/^suivi-indicateurs-\d{4}-\d{2}-\d{2}\.xlsx$/u);
      expect(consent.content.sizeInBytes).toBeGreaterThan(1000);
      expect(cardText(offer)).toContain('Tableau de suivi');

      const uploadUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}/upload/1`;
      const accept = {
        ...activity('card-submit', connector.serviceUrl),
        id: 'accept-1',
        type: 'invoke',
        name: 'fileConsent/invoke',
        value: {
          type: 'fileUpload',
          action: 'accept',
          context: consent.content.acceptContext,
          uploadInfo: {
            name: consent.name,
            uploadUrl,
            contentUrl: 'https://example.sharepoint.test/suivi.xlsx',
            uniqueId: 'file-1',
            fileType: 'xlsx',
          },
        },
      };
      const response = await postActivity(endpoint, accept);
      expect(response.status).toBe(200);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]?.size).toBe(consent.content.sizeInBytes);
      expect(uploads[0]?.headers['content-range']).toBe(
        `bytes 0-${consent.content.sizeInBytes - 1}/${consent.content.sizeInBytes}`,
      );
      const [, info] = await connector.waitForMessages(2);
      expect(info?.body.attachments[0]).toMatchObject({
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        contentUrl: 'https://example.sharepoint.test/suivi.xlsx',
        content: { uniqueId: 'file-1', fileType: 'xlsx' },
      });
      // The token works once: a replayed accept uploads nothing.
      await postActivity(endpoint, { ...accept, id: 'accept-2' });
      expect(uploads).toHaveLength(1);

      // An offer left a day unanswered is refused, then purged with the other personal data.
      await postActivity(endpoint, { ...ask, id: 'export-2' });
      const [, , , second] = await connector.waitForMessages(4, 10_000);
      const late = second?.body.attachments.find(
        (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent',
      );
      db.prepare('UPDATE teams_offered_files SET created_at = ?').run('2020-01-01T00:00:00.000Z');
      const stale = {
        ...accept,
        id: 'accept-3',
        value: { ...accept.value, context: late.content.acceptContext },
      };
      await postActivity(endpoint, stale);
      expect(uploads).toHaveLength(1);
      const { pruneExpired } = await import('../../../src/store/retention.ts');
      expect(pruneExpired(db).teamsOfferedFiles).toBe(1);
    } finally {
      ctx.cleanup();
      oneDrive.closeAllConnections();
      await new Promise((resolve) => oneDrive.close(resolve));
    }
  });

  it('answers “échéances” with the user’s deadlines rather than a plan search', async () => {
    const ctx = testContext();
    try {
      const { endpoint, connector } = await start(createAppRouter(ctx));
      await postActivity(
        endpoint,
        activity('personal-message', connector.serviceUrl, { id: 'deadlines-1', text: 'échéances' }),
      );
      const [answer] = await connector.waitForMessages(1, 10_000);
      expect(cardText(answer)).toContain('Aucune échéance ne vous concerne');
    } finally {
      ctx.cleanup();
    }
  });
});
