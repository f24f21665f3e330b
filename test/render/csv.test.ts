import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, writeCsv } from '../../src/render/csv.ts';

const HEADER = ['Indicateur', 'Territoire', 'Valeur', 'Commentaire'];

describe('writeCsv', () => {
  it('writes a BOM, semicolons, CRLF line ends and decimal commas for French Excel', () => {
    const csv = writeCsv(HEADER, [['Élèves lecteurs', 'Cantal', 62.5, null]]);
    expect(csv).toBe('\uFEFFIndicateur;Territoire;Valeur;Commentaire\r\nÉlèves lecteurs;Cantal;62,5;\r\n');
  });

  it('keeps the decimal point when the delimiter is a comma', () => {
    expect(writeCsv(['v'], [[62.5], [-3], [undefined]], { delimiter: ',' })).toBe(
      '\uFEFFv\r\n62.5\r\n-3\r\n\r\n',
    );
  });

  it('quotes cells holding delimiters, quotes or newlines', () => {
    const csv = writeCsv(['a', 'b', 'c'], [['x;y', 'il a dit "oui"', 'ligne 1\nligne 2']]);
    expect(csv.split('\r\n')[1]).toBe('"x;y";"il a dit ""oui""";"ligne 1\nligne 2"');
  });

  it('defuses text a spreadsheet would run as a formula, but not plain negative numbers', () => {
    const csv = writeCsv(
      ['c'],
      [['=HYPERLINK("http://x")'], ['+33 6 12'], ['@SUM(A1)'], ['-3,5'], ['-2'], ['\tcmd']],
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines.slice(1, 7)).toEqual([
      '"\'=HYPERLINK(""http://x"")"',
      "'+33 6 12",
      "'@SUM(A1)",
      '"-3,5"',
      '-2',
      '"\'\tcmd"',
    ]);
  });
});

describe('parseCsv', () => {
  it('reads back exactly what writeCsv wrote, tricky cells included', () => {
    const rows = [
      ['Élèves « à besoins »', 'Haute-Loire', 48.25, 'point-virgule ; et virgule, ici'],
      ['Taux "réel"', 'Puy-de-Dôme', -1.5, 'sur\r\ndeux lignes\net une troisième'],
      ['=1+1', '@cible', 12345, '+33 6 12 34 56 78'],
      ['', null, 0, undefined],
    ];
    for (const delimiter of [';', ','] as const) {
      const parsed = parseCsv(writeCsv(HEADER, rows, { delimiter }));
      const decimal = delimiter === ';' ? ',' : '.';
      expect(parsed.header).toEqual(HEADER);
      expect(parsed.rows.map((r) => r.cells)).toEqual([
        ['Élèves « à besoins »', 'Haute-Loire', `48${decimal}25`, 'point-virgule ; et virgule, ici'],
        ['Taux "réel"', 'Puy-de-Dôme', `-1${decimal}5`, 'sur\r\ndeux lignes\net une troisième'],
        ['=1+1', '@cible', '12345', '+33 6 12 34 56 78'],
        ['', '', '0', ''],
      ]);
    }
  });

  it('strips the BOM so the first header is not polluted', () => {
    expect(parseCsv('\uFEFFscope;value\r\nCantal;3').header).toEqual(['scope', 'value']);
  });

  it('detects a comma-separated file even when a quoted header holds a semicolon', () => {
    const parsed = parseCsv('scope,"valeur; en %",commentaire\nCantal,"62,5",ok\n');
    expect(parsed.header).toEqual(['scope', 'valeur; en %', 'commentaire']);
    expect(parsed.rows[0]?.cells).toEqual(['Cantal', '62,5', 'ok']);
  });

  it('detects tab-separated text pasted from a spreadsheet', () => {
    expect(parseCsv('a\tb\n1\t2').rows[0]?.cells).toEqual(['1', '2']);
  });

  it('reports the physical line where each record starts, across quoted newlines', () => {
    const text = 'scope;comment\r\nCantal;"first\r\nsecond\nthird"\r\nAllier;x\r\n\r\nPuy-de-Dôme;y\r\n\r\n';
    const parsed = parseCsv(text);
    expect(parsed.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'Cantal'],
      [5, 'Allier'],
      [7, 'Puy-de-Dôme'],
    ]);
    expect(parsed.rows[0]?.cells[1]).toBe('first\r\nsecond\nthird');
  });

  it('keeps an explicitly quoted empty value but skips blank lines', () => {
    expect(parseCsv('a\n""\n\nx\n').rows).toEqual([
      { line: 2, cells: [''] },
      { line: 4, cells: ['x'] },
    ]);
  });

  it('keeps a field with text after its closing quote as written, and keeps reading', () => {
    expect(parseCsv('a;b\n"x"y;z\nq"r;s\n').rows.map((r) => r.cells)).toEqual([
      ['"x"y', 'z'],
      ['q"r', 's'],
    ]);
  });

  it('throws a CsvError naming the line of an unterminated quote', () => {
    const text = 'scope;comment\nCantal;ok\nAllier;"never closed\nmore text\n';
    expect(() => parseCsv(text)).toThrow(CsvError);
    try {
      parseCsv(text);
    } catch (error) {
      expect(error).toMatchObject({ code: 'unterminated_quote', line: 3 });
    }
  });

  it('returns an empty header and no rows for an empty file', () => {
    expect(parseCsv('')).toEqual({ header: [], rows: [] });
    expect(parseCsv('\uFEFF\r\n')).toEqual({ header: [], rows: [] });
  });
});
