/**
 * The Borgerservice offices of the demo: one in each municipality where a demo person lives, and a
 * few more. Names and municipality codes are real; street addresses are made up. Ids are stable
 * (bs-<municipality code>) so seeding again finds the same office.
 */
export interface Office {
  id: string;
  municipalityCode: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
}

export const demoOffices: readonly Office[] = [
  {
    id: 'bs-101',
    municipalityCode: '101',
    name: 'Borgerservice København',
    street: 'Rådhuspladsen 1',
    postalCode: '1550',
    city: 'København V',
  },
  {
    id: 'bs-147',
    municipalityCode: '147',
    name: 'Borgerservice Frederiksberg',
    street: 'Smallegade 1',
    postalCode: '2000',
    city: 'Frederiksberg',
  },
  {
    id: 'bs-751',
    municipalityCode: '751',
    name: 'Borgerservice Aarhus',
    street: 'Rådhuspladsen 2',
    postalCode: '8000',
    city: 'Aarhus C',
  },
  {
    id: 'bs-461',
    municipalityCode: '461',
    name: 'Borgerservice Odense',
    street: 'Flakhaven 2',
    postalCode: '5000',
    city: 'Odense C',
  },
  {
    id: 'bs-851',
    municipalityCode: '851',
    name: 'Borgerservice Aalborg',
    street: 'Boulevarden 13',
    postalCode: '9000',
    city: 'Aalborg',
  },
  {
    id: 'bs-561',
    municipalityCode: '561',
    name: 'Borgerservice Esbjerg',
    street: 'Torvegade 74',
    postalCode: '6700',
    city: 'Esbjerg',
  },
];
