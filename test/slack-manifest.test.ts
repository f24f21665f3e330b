import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../src/adapters/slack/listeners/slash-command.ts';
import { ROOT_DIR } from '../src/paths.ts';

const manifest = readFileSync(path.join(ROOT_DIR, 'manifests', 'slack.yaml'), 'utf8');

/** The "- item" lines under a "key:" line (enough YAML for this flat manifest). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+- (\S+)$/u.exec(line);
    if (!item) break;
    items.push(item[1] as string);
  }
  return items;
}

describe('the Slack manifest', () => {
  it('asks for exactly the bot scopes the adapter uses', () => {
    expect(listUnder('bot').sort()).toEqual(
      [
        'app_mentions:read',
        'channels:history',
        'chat:write',
        'commands',
        'files:write',
        'groups:history',
        'im:history',
        'im:read',
        'im:write',
        'reactions:read',
        'users:read',
      ].sort(),
    );
  });

  it('subscribes to every event a listener handles', () => {
    expect(listUnder('bot_events').sort()).toEqual(
      ['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im'].sort(),
    );
  });

  it('declares the slash command, interactivity, the Home and Messages tabs, and HTTP mode', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}`);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/u);
    expect(manifest).toMatch(/home_tab_enabled: true/u);
    expect(manifest).toMatch(/messages_tab_enabled: true/u);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: false$/mu);
    const urls = manifest.match(/(?:url|request_url): (\S+)/gu) ?? [];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toMatch(/\/slack\/events$/u);
  });
});
