/** Plain-text tables for the people CLI. */
import type { GeneratedKeyCard } from '../../flows/nemid/index.ts';
import type { PersonWithNemid } from './listPeopleWithNemid.ts';

/** The key card as printed: key and code pairs in columns, like the paper card. */
export function formatKeyCard(card: Pick<GeneratedKeyCard, 'cardNumber' | 'codes'>, columns = 4): string {
  const rows = Math.ceil(card.codes.length / columns);
  const lines = [`Key card ${card.cardNumber}`, `${'  Key   Code  '.repeat(columns).trimEnd()}`];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) {
      const code = card.codes[c * rows + r];
      if (code) cells.push(`  ${code.keyNo}  ${code.code}`);
    }
    lines.push(cells.join(''));
  }
  return `${lines.join('\n')}\n`;
}

export function formatPeopleList(people: PersonWithNemid[]): string {
  if (people.length === 0)
    return 'No people yet. Create one with: node src/roots/cli/people.ts create --name "Anna Berg"\n';
  const header = ['CPR number', 'Name', 'NemID user-ID', 'Key card', 'Unused keys'];
  const rows = people.map((p) => [
    `${p.cpr.slice(0, 6)}-${p.cpr.slice(6)}`,
    p.name,
    p.userId ?? '-',
    p.cardNumber ?? '-',
    p.unusedKeys === null ? '-' : String(p.unusedKeys),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
