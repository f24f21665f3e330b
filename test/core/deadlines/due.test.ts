import { describe, expect, it } from 'vitest';
import { addDays, isoWeek, localDate, schoolYear, zonedTime } from '../../../src/core/deadlines/calendar.ts';
import { type DueInput, listDueSends } from '../../../src/core/deadlines/due.ts';
import { listOccurrences, parseCron, validateRule } from '../../../src/core/deadlines/rules.ts';
import type { Deadline, DueSend } from '../../../src/core/deadlines/types.ts';

const TZ = 'Europe/Paris';
const DUE = '2027-06-30'; // a Wednesday; its school year is 2026-2027

function deadline(over: Partial<Deadline> = {}): Deadline {
  return {
    id: 'dl-cantal',
    indicatorId: 'ind-1',
    scope: 'cantal',
    rule: { kind: 'yearly', month: 6, day: 30 },
    owners: ['console:alice'],
    leads: [7, 1],
    ...over,
  };
}
const carolDeadline = deadline({ id: 'dl-allier', scope: 'allier', owners: ['console:carol'], leads: [1] });

/** Local 10:00 in Paris on `date` (summer time in these examples). */
function morning(date: string): Date {
  return zonedTime(date, TZ, 10);
}

function sweep(over: Partial<DueInput> & { now: Date }): DueSend[] {
  return listDueSends({
    deadlines: [deadline()],
    recorded: [],
    sent: new Set(),
    snoozes: [],
    escalation: {},
    timeZone: TZ,
    ...over,
  });
}

const brief = (sends: DueSend[]) => sends.map((s) => `${s.recipient} ${s.stage}`).join(', ');
const key = (recipient: string, stage: string, id = 'dl-cantal', due = DUE) =>
  `${id}|${due}|${recipient}|${stage}`;
const days = (expr: string, from: string, to: string) =>
  listOccurrences({ kind: 'cron', expr }, from, to).join(' ');
/** Sweeps once a day at 10:00 between two offsets from DUE, claiming what is sent, and logs it. */
function dailyLog(from: number, to: number, over: Partial<DueInput> = {}): string[] {
  const sent = new Set<string>();
  const log: string[] = [];
  for (let offset = from; offset <= to; offset++) {
    const day = addDays(DUE, offset);
    for (const send of sweep({ sent, ...over, now: morning(day) })) {
      log.push(`${day} ${send.recipient} ${send.stage} ${send.kind} ${send.daysLeft}`);
      sent.add(send.key);
    }
  }
  return log;
}

describe('calendar helpers', () => {
  it('give local dates, school years and ISO weeks as staff count them', () => {
    expect(localDate(new Date('2027-06-29T22:30:00Z'), TZ)).toBe('2027-06-30');
    expect(['2027-06-30', '2026-09-01', '2026-08-31'].map(schoolYear)).toEqual([
      '2026-2027',
      '2026-2027',
      '2025-2026',
    ]);
    expect(['2027-06-28', '2027-01-01', '2027-01-04'].map(isoWeek)).toEqual([
      '2027-W26',
      '2026-W53',
      '2027-W01',
    ]);
    expect([addDays('2027-03-27', 3), addDays('2028-03-01', -1)]).toEqual(['2027-03-30', '2028-02-29']);
  });

  it('resolve a wall time inside the spring-forward gap one hour later on the clock, west of Greenwich too', () => {
    expect(zonedTime('2027-03-28', TZ, 2, 30).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    // Saint-Pierre-et-Miquelon goes from UTC−3 to UTC−2 at 02:00: 02:30 is read as 03:30 (UTC−2).
    expect(zonedTime('2027-03-14', 'America/Miquelon', 2, 30).toISOString()).toBe('2027-03-14T05:30:00.000Z');
  });

  it('find local midnight and Monday 09:00 in UTC on both sides of the DST changes', () => {
    const at = (date: string, hour = 0) => zonedTime(date, TZ, hour).toISOString();
    expect(at('2027-03-28')).toBe('2027-03-27T23:00:00.000Z');
    expect(at('2027-03-29')).toBe('2027-03-28T22:00:00.000Z');
    expect(at('2027-10-31')).toBe('2027-10-30T22:00:00.000Z');
    expect(at('2027-11-01')).toBe('2027-10-31T23:00:00.000Z');
    expect(at('2027-01-04', 9)).toBe('2027-01-04T08:00:00.000Z');
    expect(at('2027-06-28', 9)).toBe('2027-06-28T07:00:00.000Z');
  });
});

describe('lead reminders', () => {
  it('remind the owner once at each lead, on the day the lead falls', () => {
    expect(dailyLog(-20, 0, { deadlines: [deadline({ leads: [14, 7, 1] })] })).toEqual([
      '2027-06-16 console:alice lead:14 reminder 14',
      '2027-06-23 console:alice lead:7 reminder 7',
      '2027-06-29 console:alice lead:1 reminder 1',
    ]);
  });

  it('follow the example: nothing at J-10, alice at J-2 once, then both owners at J-1', () => {
    const deadlines = [deadline(), carolDeadline];
    expect(sweep({ deadlines, now: morning('2027-06-20') })).toEqual([]);
    const atJ2 = sweep({ deadlines, now: morning('2027-06-28') });
    expect(atJ2).toEqual([
      {
        key: key('console:alice', 'lead:7'),
        coveredKeys: [],
        recipient: 'console:alice',
        kind: 'reminder',
        deadlineId: 'dl-cantal',
        indicatorId: 'ind-1',
        scope: 'cantal',
        period: '2026-2027',
        due: DUE,
        stage: 'lead:7',
        daysLeft: 2,
      },
    ]);
    const sent = new Set([key('console:alice', 'lead:7')]);
    expect(sweep({ deadlines, sent, now: morning('2027-06-28') })).toEqual([]);
    const atJ1 = sweep({ deadlines, sent, now: morning('2027-06-29') });
    expect(brief(atJ1)).toBe('console:carol lead:1, console:alice lead:1');
    expect(atJ1.map((s) => s.coveredKeys)).toEqual([[], []]);
  });

  it('come in the same order whatever the order of the deadlines given', () => {
    const now = morning('2027-06-29');
    expect(sweep({ deadlines: [carolDeadline, deadline()], now })).toEqual(
      sweep({ deadlines: [deadline(), carolDeadline], now }),
    );
  });

  // A J-1 lead is due at the local midnight of the day before; these are the nights around DST.
  const firstLead = (due: string, now: string) =>
    brief(
      sweep({
        deadlines: [deadline({ rule: { kind: 'dates', dates: [due] }, leads: [1] })],
        now: new Date(now),
      }),
    );

  it('start at the exact local midnight after the spring-forward and fall-back Sundays', () => {
    expect(firstLead('2027-03-30', '2027-03-28T21:59:59.999Z')).toBe('');
    expect(firstLead('2027-03-30', '2027-03-28T22:00:00.000Z')).toBe('console:alice lead:1');
    expect(firstLead('2027-11-02', '2027-10-31T22:59:59.999Z')).toBe('');
    expect(firstLead('2027-11-02', '2027-10-31T23:00:00.000Z')).toBe('console:alice lead:1');
  });

  it('start at the local midnight of the DST Sundays themselves, under the old offset', () => {
    expect(firstLead('2027-03-29', '2027-03-27T22:59:59.999Z')).toBe('');
    expect(firstLead('2027-03-29', '2027-03-27T23:00:00.000Z')).toBe('console:alice lead:1');
    expect(firstLead('2027-11-01', '2027-10-30T21:59:59.999Z')).toBe('');
    expect(firstLead('2027-11-01', '2027-10-30T22:00:00.000Z')).toBe('console:alice lead:1');
  });
});

describe('catch-up after downtime', () => {
  const three = [deadline({ leads: [14, 7, 1] })];
  const now = morning('2027-06-29');

  it('collapses every missed lead into one message for the latest stage', () => {
    const sends = sweep({ deadlines: three, now });
    expect(brief(sends)).toBe('console:alice lead:1');
    expect(sends[0]?.coveredKeys).toEqual([key('console:alice', 'lead:14'), key('console:alice', 'lead:7')]);
  });

  it('covers only the earlier stages that were not already sent', () => {
    const sends = sweep({ deadlines: three, sent: [{ key: key('console:alice', 'lead:14') }], now });
    expect(sends[0]?.coveredKeys).toEqual([key('console:alice', 'lead:7')]);
  });

  it('sends nothing when the latest stage went out even if an earlier one was missed', () => {
    expect(sweep({ deadlines: three, sent: new Set([key('console:alice', 'lead:1')]), now })).toEqual([]);
  });

  it('no longer sends lead reminders once the due date has passed', () => {
    const escalation = { cantal: ['console:val'] };
    const sends = sweep({ deadlines: three, escalation, now: morning('2027-07-09') });
    expect(brief(sends)).toBe('console:alice overdue:7, console:val escalate');
    expect(sends.map((s) => s.coveredKeys)).toEqual([[key('console:alice', 'overdue:1')], []]);
  });
});

describe('overdue and escalation', () => {
  const escalation = { cantal: ['slack:#Cvalid'] };

  it('tells the owner at D+1 and D+7, then the scope validators at D+8', () => {
    expect(dailyLog(1, 40, { deadlines: [deadline({ leads: [] })], escalation })).toEqual([
      '2027-07-01 console:alice overdue:1 overdue -1',
      '2027-07-07 console:alice overdue:7 overdue -7',
      '2027-07-08 slack:#Cvalid escalate overdue -8',
    ]);
  });

  it('escalates to an owner who is also the validator in the same single message', () => {
    const sends = sweep({ escalation: { cantal: ['console:alice'] }, now: morning('2027-07-08') });
    expect(brief(sends)).toBe('console:alice escalate');
    expect(sends[0]?.coveredKeys).toEqual([
      key('console:alice', 'overdue:1'),
      key('console:alice', 'overdue:7'),
    ]);
  });

  it('skips escalation when the scope has no validator', () => {
    const sent = new Set([key('console:alice', 'overdue:7')]);
    expect(sweep({ sent, escalation: { allier: ['console:val'] }, now: morning('2027-07-08') })).toEqual([]);
  });

  it('stops chasing an occurrence more than 31 days after its due date', () => {
    expect(brief(sweep({ escalation, now: morning('2027-07-31') }))).toBe(
      'console:alice overdue:7, slack:#Cvalid escalate',
    );
    expect(sweep({ escalation, now: morning('2027-08-01') })).toEqual([]);
  });
});

describe('recorded values', () => {
  const recorded = [{ indicatorId: 'ind-1', scope: 'cantal', period: '2026-2027' }];

  it('silence reminders, overdue notices and escalation for the occurrence they report', () => {
    expect(dailyLog(-20, 40, { recorded, escalation: { cantal: ['console:val'] } })).toEqual([]);
  });

  it('reproduce the example: after cantal is recorded, J+1 tells carol only', () => {
    const sends = sweep({ deadlines: [deadline(), carolDeadline], recorded, now: morning('2027-07-01') });
    expect(brief(sends)).toBe('console:carol overdue:1');
    expect(sends[0]?.daysLeft).toBe(-1);
  });

  it('do not count for another school year or another scope', () => {
    const other = [
      { indicatorId: 'ind-1', scope: 'cantal', period: '2025-2026' },
      { indicatorId: 'ind-1', scope: 'allier', period: '2026-2027' },
    ];
    expect(brief(sweep({ recorded: other, now: morning('2027-06-29') }))).toBe('console:alice lead:1');
  });

  it('count for the school year that contains an autumn due date', () => {
    const autumn = [deadline({ rule: { kind: 'dates', dates: ['2027-09-15'] } })];
    const now = morning('2027-09-14');
    expect(sweep({ deadlines: autumn, recorded, now })).toHaveLength(1);
    const next = [{ indicatorId: 'ind-1', scope: 'cantal', period: '2027-2028' }];
    expect(sweep({ deadlines: autumn, recorded: next, now })).toEqual([]);
  });
});

describe('snoozes', () => {
  const snooze = {
    deadlineId: 'dl-cantal',
    due: DUE,
    recipient: 'console:alice',
    until: '2027-06-29T14:00:00+02:00',
  };

  it('hold back the snoozed recipient only, until the snooze ends', () => {
    const deadlines = [deadline({ owners: ['console:alice', 'console:bob'] })];
    expect(brief(sweep({ deadlines, snoozes: [snooze], now: morning('2027-06-29') }))).toBe(
      'console:bob lead:1',
    );
  });

  it('let one catch-up message through once the snooze has ended', () => {
    const sends = sweep({ snoozes: [snooze], now: new Date('2027-06-29T14:00:01+02:00') });
    expect(brief(sends)).toBe('console:alice lead:1');
    expect(sends[0]?.coveredKeys).toEqual([key('console:alice', 'lead:7')]);
  });

  it('do not apply to another occurrence of the same deadline', () => {
    expect(sweep({ snoozes: [{ ...snooze, due: '2026-06-30' }], now: morning('2027-06-29') })).toHaveLength(
      1,
    );
  });
});

describe('weekly digest', () => {
  const channel = 'slack:#Cpilot';
  const dated = (id: string, indicatorId: string, date: string) =>
    deadline({ id, indicatorId, owners: [channel], leads: [], rule: { kind: 'dates', dates: [date] } });
  const deadlines = [
    deadline({ owners: [channel], leads: [] }), // due Wed 30 June
    dated('dl-late', 'ind-2', '2027-06-10'),
    dated('dl-done', 'ind-3', '2027-06-11'), // overdue but recorded: not listed
    dated('dl-far', 'ind-4', '2027-08-15'), // more than 30 days ahead: not listed
  ];
  const recorded = [{ indicatorId: 'ind-3', scope: 'cantal', period: '2026-2027' }];
  const digests = (sends: DueSend[]) => sends.filter((s) => s.kind === 'digest');
  const lastWeek = new Set([`digest|${channel}|2027-W25`]); // went out last Monday

  it('goes out from Monday 09:00 local, not on Sunday nor earlier on Monday', () => {
    const at = (now: Date) => digests(sweep({ deadlines, recorded, sent: lastWeek, now }));
    expect(at(morning('2027-06-27'))).toEqual([]);
    expect(at(new Date('2027-06-28T06:59:59Z'))).toEqual([]);
    const [digest, ...rest] = at(new Date('2027-06-28T07:00:00Z')); // 09:00 in Paris (summer time)
    expect(rest).toEqual([]);
    expect(digest).toMatchObject({
      key: `digest|${channel}|2027-W26`,
      recipient: channel,
      stage: 'digest:2027-W26',
    });
    expect(digest?.coveredKeys).toEqual([]);
    const late = { deadlineId: 'dl-late', indicatorId: 'ind-2', scope: 'cantal', period: '2026-2027' };
    expect(digest?.items).toEqual([
      { ...late, due: '2027-06-10', missing: true },
      { ...late, deadlineId: 'dl-cantal', indicatorId: 'ind-1', due: DUE, missing: true },
    ]);
  });

  it('is sent once per week, with catch-up later in the same week only', () => {
    const sent = new Set([`digest|${channel}|2027-W26`]);
    expect(digests(sweep({ deadlines, recorded, sent, now: morning('2027-06-30') }))).toEqual([]);
    expect(digests(sweep({ deadlines, recorded, now: morning('2027-07-04') }))).toHaveLength(1);
    const nextWeek = digests(sweep({ deadlines, recorded, sent, now: morning('2027-07-05') }));
    expect(nextWeek.map((d) => d.key)).toEqual([`digest|${channel}|2027-W27`]);
  });

  it('marks upcoming recorded deadlines as not missing and skips a channel with nothing to list', () => {
    const upcoming = [{ indicatorId: 'ind-1', scope: 'cantal', period: '2026-2027' }];
    const now = morning('2027-06-28');
    const [digest] = digests(sweep({ deadlines: deadlines.slice(0, 1), recorded: upcoming, now }));
    expect(digest?.items?.map((i) => [i.deadlineId, i.missing])).toEqual([['dl-cantal', false]]);
    expect(sweep({ deadlines: deadlines.slice(3), now })).toEqual([]);
  });

  it('gives configured digest channels the whole list, whoever owns the deadlines', () => {
    const digestChannels = ['teams:#19:x@thread.tacv2'];
    const [digest] = digests(
      sweep({ deadlines: [deadline(), carolDeadline], digestChannels, now: morning('2027-06-28') }),
    );
    expect(digest?.recipient).toBe('teams:#19:x@thread.tacv2');
    expect(digest?.items?.map((i) => i.deadlineId)).toEqual(['dl-allier', 'dl-cantal']);
  });
});

describe('dates and cron rules', () => {
  it('list the days a cron expression matches, with names, ranges, steps and lists', () => {
    expect(days('0 9 30 jun *', '2027-01-01', '2028-12-31')).toBe('2027-06-30 2028-06-30');
    expect(days('0 8 * * MON', '2027-06-01', '2027-06-15')).toBe('2027-06-07 2027-06-14');
    expect(days('0 0 1,15-16 1-2 *', '2027-01-01', '2027-03-31')).toBe(
      '2027-01-01 2027-01-15 2027-01-16 2027-02-01 2027-02-15 2027-02-16',
    );
    // Days 1, 11, 21 and 31 that are Mondays: a '*'-led day field keeps the AND of the two day fields.
    expect(days('0 0 */10 6 MON', '2027-06-01', '2027-06-30')).toBe('2027-06-21');
    expect(days('0 0 * 6 7', '2027-06-01', '2027-06-30')).toBe('2027-06-06 2027-06-13 2027-06-20 2027-06-27');
  });

  it('read a step from a value to the end of its field, and a step longer than the field as its first value', () => {
    // "5/2" in the weekday field is Friday then Sunday, written 7.
    expect(days('0 0 * * 5/2', '2027-06-01', '2027-06-14')).toBe(
      '2027-06-04 2027-06-06 2027-06-11 2027-06-13',
    );
    expect(days('0 0 */40 1-2 *', '2027-01-01', '2027-03-31')).toBe('2027-01-01 2027-02-01');
    expect(days('0 0 1 */13 *', '2027-01-01', '2027-12-31')).toBe('2027-01-01');
  });

  it('match either day field when both day of month and weekday are restricted', () => {
    expect(days('0 0 1 6 FRI', '2027-06-01', '2027-06-30')).toBe(
      '2027-06-01 2027-06-04 2027-06-11 2027-06-18 2027-06-25',
    );
  });

  it('send reminders for dates-list and cron deadlines like for yearly ones', () => {
    const deadlines = [
      deadline({
        id: 'dl-dates',
        rule: { kind: 'dates', dates: ['2027-03-01', '2027-06-30', '2027-12-01'] },
      }),
      deadline({ id: 'dl-cron', rule: { kind: 'cron', expr: '30 17 30 * *' } }), // monthly, on the 30th
    ];
    const sends = sweep({ deadlines, now: morning('2027-06-29') });
    // The monthly rule's two dates make one message: the overdue one, standing for the next too.
    expect(sends.map((s) => `${s.deadlineId} ${s.due} ${s.stage}`)).toEqual([
      'dl-cron 2027-05-30 overdue:7',
      'dl-dates 2027-06-30 lead:1',
    ]);
    expect(sends[0]?.coveredKeys).toEqual([
      key('console:alice', 'overdue:1', 'dl-cron', '2027-05-30'),
      key('console:alice', 'lead:1', 'dl-cron', '2027-06-30'),
      key('console:alice', 'lead:7', 'dl-cron', '2027-06-30'),
    ]);
    expect(sends[0]?.others).toEqual({ dues: ['2027-06-30'], overdue: 0, upcoming: 1 });
  });

  it('send one message per recipient and deadline per sweep for a daily rule, however many dates are due', () => {
    const daily = deadline({
      id: 'dl-daily',
      rule: { kind: 'cron', expr: '0 9 * * *' },
      owners: ['console:dan', 'slack:#C1'],
      leads: [14, 7, 1],
    });
    const escalation = { cantal: ['console:val'] };
    // The weekly digest of the channel is a message about every deadline, not this one's.
    const perDeadline = (sends: DueSend[]) => sends.filter((s) => s.kind !== 'digest');
    const first = perDeadline(
      sweep({ deadlines: [daily], escalation, now: zonedTime('2026-12-05', TZ, 10) }),
    );
    // Today's date is the one reminded; the validator hears of the latest date 8 days late.
    expect(brief(first)).toBe('console:dan lead:1, slack:#C1 lead:1, console:val escalate');
    const dan = first[0] as DueSend;
    expect(dan.due).toBe('2026-12-05');
    // 31 days looked back and 14 ahead: every other date is settled by this one message.
    expect(dan.others).toMatchObject({ overdue: 31, upcoming: 14 });
    expect(new Set([dan.key, ...dan.coveredKeys]).size).toBe(1 + dan.coveredKeys.length);
    // Daily sweeps afterwards: at most one message per recipient each day.
    const sent = new Set(first.flatMap((s) => [s.key, ...s.coveredKeys]));
    for (let day = 1; day <= 20; day++) {
      const now = zonedTime(addDays('2026-12-05', day), TZ, 10);
      for (let tick = 0; tick < 3; tick++) {
        const sends = perDeadline(sweep({ deadlines: [daily], escalation, sent, now }));
        const recipients = sends.map((s) => s.recipient);
        expect(new Set(recipients).size, `${now.toISOString()} ${brief(sends)}`).toBe(recipients.length);
        if (tick > 0) expect(sends).toEqual([]);
        for (const s of sends) for (const k of [s.key, ...s.coveredKeys]) sent.add(k);
      }
    }
  });

  it('falls back to 28 February for a yearly 29 February outside leap years', () => {
    const rule = { kind: 'yearly', month: 2, day: 29 } as const;
    expect(listOccurrences(rule, '2027-01-01', '2028-12-31')).toEqual(['2027-02-28', '2028-02-29']);
  });
});

describe('rule validation', () => {
  it('explains in French what is wrong with a cron expression', () => {
    const error = (expr: string) => {
      const parsed = parseCron(expr);
      return parsed.ok ? 'ok' : parsed.error;
    };
    expect(error('0 9 * *')).toBe(
      'Expression cron « 0 9 * * » invalide : il faut 5 champs (minute heure jour-du-mois mois jour-de-la-semaine), 4 trouvé(s).',
    );
    expect(error('0 25 * * *')).toContain('« 25 » est hors limites pour le champ heure (0–23)');
    expect(error('0 9 1 JUNE *')).toContain('« JUNE » est hors limites pour le champ mois');
    expect(error('0 9 20-10 * *')).toContain("l'intervalle « 20-10 » du champ jour du mois est à l'envers");
    expect(error('*/0 9 * * *')).toContain('le pas « /0 » du champ minute doit être au moins 1');
    expect(error('0 9 ? * *')).toContain("« ? » n'est pas une valeur valide pour le champ jour du mois");
    expect(error('0 9 30 2 *')).toContain('date impossible');
    expect(error('0 9 31 4,6 *')).toContain('date impossible');
    expect(error('0 9 29 feb *')).toBe('ok');
  });

  it('rejects impossible yearly dates and malformed date lists, and accepts good rules', () => {
    expect(validateRule({ kind: 'yearly', month: 2, day: 30 })).toEqual({
      ok: false,
      error: "Date impossible : le 30 février n'existe pas.",
    });
    expect(validateRule({ kind: 'yearly', month: 13, day: 1 })).toMatchObject({ ok: false });
    expect(validateRule({ kind: 'dates', dates: ['2027-06-30', '2027-02-30'] })).toEqual({
      ok: false,
      error: "Date impossible : « 2027-02-30 » n'est pas une date AAAA-MM-JJ existante.",
    });
    expect(validateRule({ kind: 'dates', dates: [] })).toMatchObject({ ok: false });
    expect(validateRule({ kind: 'cron', expr: '0 9 30 6 *' })).toEqual({ ok: true });
    expect(validateRule({ kind: 'yearly', month: 6, day: 30 })).toEqual({ ok: true });
  });
});
