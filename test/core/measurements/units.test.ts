import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/core/measurements/units.ts';

describe('a recorded value as a reply writes it', () => {
  it('quotes a qualitative value the way the reader’s language does', () => {
    expect(formatValue('en cours', 'text', 'fr')).toBe('« en cours »');
    expect(formatValue('en cours', 'text', 'en')).toBe('“en cours”');
  });

  it('writes a percentage with the reader’s decimal mark and spacing', () => {
    expect(formatValue(62.5, 'percent', 'fr')).toBe('62,5 %');
    expect(formatValue(62.5, 'percent', 'en')).toBe('62.5%');
  });
});
