/**
 * The demo people, covering the cases the citizen's guide mentions:
 * - Jonas: a bank customer whose turn it is to get MitID;
 * - Karen: her NemID user-ID is her CPR number (MitID must not reserve or suggest it);
 * - Mette: a NemID user-ID that MitID reserves for her; a customer whose turn has not come;
 * - Poul: no net bank: he gets MitID on MitID.dk after a letter in Digital Post.
 * The CPR numbers are made up (valid shape and date) and the password is public on purpose.
 */
export const DEMO_PASSWORD = 'Demo-NemID-2026';

export interface DemoPerson {
  cpr: string;
  givenName: string;
  familyName: string;
  street: string;
  postalCode: string;
  city: string;
  municipalityCode: string;
  nemidUserId: string;
  /** null: not a customer of Min Bank. */
  bank: null | {
    /** Days from the first start until it is this customer's turn (0: now; null: not scheduled). */
    turnInDays: number | null;
    accounts: { name: string; regNo: string; accountNo: string; balanceOre: number }[];
  };
  note: string;
}

export const demoPeople: DemoPerson[] = [
  {
    cpr: '1505831017',
    givenName: 'Jonas',
    familyName: 'Jensen',
    street: 'Nørrebrogade 12, 2. th.',
    postalCode: '2200',
    city: 'København N',
    municipalityCode: '101',
    nemidUserId: 'Jonas1983',
    bank: {
      turnInDays: 0,
      accounts: [
        { name: 'Lønkonto', regNo: '9999', accountNo: '0012345678', balanceOre: 2_345_650 },
        { name: 'Opsparing', regNo: '9999', accountNo: '0087654321', balanceOre: 10_250_000 },
      ],
    },
    note: 'bank customer; it is his turn to get MitID',
  },
  {
    cpr: '0202612046',
    givenName: 'Karen',
    familyName: 'Hansen',
    street: 'Vestergade 3',
    postalCode: '8000',
    city: 'Aarhus C',
    municipalityCode: '751',
    nemidUserId: '0202612046',
    bank: {
      turnInDays: 0,
      accounts: [{ name: 'Budgetkonto', regNo: '9999', accountNo: '0011223344', balanceOre: 812_000 }],
    },
    note: 'bank customer; her NemID user-ID is her CPR number',
  },
  {
    cpr: '1207902214',
    givenName: 'Mette',
    familyName: 'Larsen',
    street: 'Overgade 40',
    postalCode: '5000',
    city: 'Odense C',
    municipalityCode: '461',
    nemidUserId: 'mettemus',
    bank: {
      turnInDays: null,
      accounts: [{ name: 'Lønkonto', regNo: '9999', accountNo: '0055667788', balanceOre: 4_310_025 }],
    },
    note: 'bank customer, not yet her turn; MitID reserves her NemID user-ID',
  },
  {
    cpr: '0806451113',
    givenName: 'Poul',
    familyName: 'Nielsen',
    street: 'Boulevarden 7',
    postalCode: '9000',
    city: 'Aalborg',
    municipalityCode: '851',
    nemidUserId: 'poulnielsen',
    bank: null,
    note: 'no net bank: gets MitID on MitID.dk',
  },
];

export function formatDemoPeople(people: DemoPerson[]): string {
  const rows = people.map(
    (p) => `  ${`${p.givenName} ${p.familyName}`.padEnd(14)} user-ID ${p.nemidUserId.padEnd(12)} ${p.note}`,
  );
  return `  Demo people (NemID password for all: ${DEMO_PASSWORD}; key cards on the page above)\n${rows.join('\n')}\n`;
}
