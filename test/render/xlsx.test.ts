import readXlsxFile, { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../src/render/xlsx.ts';
import { readZip } from '../helpers/teams-zip.ts';

const sheet = {
  name: 'Mesures',
  header: ['Indicateur', 'Territoire', 'Période', 'Valeur'],
  rows: [
    ["% d'élèves groupe 3", 'Cantal', '2025-2026', 62.5],
    ['Établissements', 'Puy-de-Dôme', '2024-2025', 12345],
    ['=1+1', 'Allier', '2023-2024', -3.5],
    ['Sans valeur', 'Haute-Loire', '2025-2026', null],
  ],
};

describe('writeXlsx', () => {
  it('reads back with the header and the values, numbers kept as numbers', async () => {
    const data = await readSheet(await writeXlsx(sheet));
    expect(data[0]).toEqual(sheet.header);
    expect(data[1]).toEqual(["% d'élèves groupe 3", 'Cantal', '2025-2026', 62.5]);
    expect(typeof data[2]?.[3]).toBe('number');
    expect(data[2]?.[3]).toBe(12345);
    // Text that looks like a formula stays text: the cell is not computed to 2.
    expect(data[3]).toEqual(['=1+1', 'Allier', '2023-2024', -3.5]);
    expect(data[4]?.[3] ?? null).toBeNull();
  });

  it('writes the header in bold and the data in the default style', async () => {
    const files = readZip(await writeXlsx(sheet));
    const styles = files.get('xl/styles.xml')?.toString('utf8') ?? '';
    const xml = files.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    expect(styles).toMatch(/<b\s*\/>/);
    const styleOf = (ref: string) => new RegExp(`<c r="${ref}"[^>]*?s="(\\d+)"`).exec(xml)?.[1] ?? '0';
    expect(styleOf('A1')).not.toBe('0');
    expect(styleOf('A2')).not.toBe(styleOf('A1'));
  });

  it('cleans the sheet name to what Excel accepts', async () => {
    const sheets = await readXlsxFile(
      await writeXlsx({ ...sheet, name: 'Cantal / Allier : indicateurs [2025?] très long nom' }),
    );
    expect(sheets.map((s) => s.sheet)).toEqual(['Cantal Allier indicateurs 2025']);
  });

  it('applies the given column widths', async () => {
    const xml = readZip(await writeXlsx({ ...sheet, columnWidths: [40, 12, 12, 9] }))
      .get('xl/worksheets/sheet1.xml')
      ?.toString('utf8');
    expect(xml).toMatch(/<col [^>]*min="1"[^>]*width="40"/);
  });
});
