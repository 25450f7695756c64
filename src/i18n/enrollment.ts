import type { Text } from './types.ts';

/**
 * Texts of getting MitID (issue 3). User-ID wording follows the guide's "Krav til bruger-ID";
 * the rule messages are the ids returned by src/core/identity/userIdRules.ts.
 */
export const enrollment = {
  // The user-ID's requirements, as the guide lists them.
  'enrollment.userId.requirementsTitle': { da: 'Krav til bruger-ID', en: 'User ID requirements' },
  'enrollment.userId.requirement.notCpr': {
    da: 'Må ikke være dit CPR-nummer. Må heller ikke ligne et CPR-nummer',
    en: 'Must not be your CPR number, nor look like one',
  },
  'enrollment.userId.requirement.length': {
    da: 'Skal indeholde 5-48 tegn. Du kan kombinere bogstaver, tal og specialtegn:',
    en: 'Must have 5-48 characters. You can combine letters, digits and special characters:',
  },
  'enrollment.userId.requirement.letters': {
    da: 'Bogstaver: a-å (der er ikke forskel på store og små bogstaver)',
    en: 'Letters: a-z and æ, ø, å (upper and lower case are the same)',
  },
  'enrollment.userId.requirement.digits': { da: 'Tal: 0-9', en: 'Digits: 0-9' },
  'enrollment.userId.requirement.specials': {
    da: 'Specialtegn: {}!#$^,*()_+-=:;?.@. Du kan også bruge mellemrum (må dog ikke begynde eller slutte med mellemrum)',
    en: 'Special characters: {}!#$^,*()_+-=:;?.@. You can also use spaces (but not at the start or the end)',
  },
  'enrollment.userId.requirement.unique': {
    da: 'Skal være unikt, dvs. der må ikke være andre end dig, der har det',
    en: 'Must be unique: nobody else may have it',
  },

  // One message per broken rule (userIdRules.ts).
  'enrollment.userId.missing': { da: 'Indtast dit bruger-ID.', en: 'Enter your user ID.' },
  'enrollment.userId.tooShort': {
    da: 'Bruger-ID skal indeholde mindst 5 tegn.',
    en: 'The user ID must have at least 5 characters.',
  },
  'enrollment.userId.tooLong': {
    da: 'Bruger-ID må højst indeholde 48 tegn.',
    en: 'The user ID can have at most 48 characters.',
  },
  'enrollment.userId.invalidCharacters': {
    da: 'Bruger-ID må ikke indeholde {characters}. Brug kun bogstaverne a-å, tallene 0-9, specialtegnene {}!#$^,*()_+-=:;?.@ og mellemrum.',
    en: 'The user ID must not contain {characters}. Use only the letters a-z, æ, ø, å, the digits 0-9, the special characters {}!#$^,*()_+-=:;?.@ and space.',
  },
  'enrollment.userId.leadingOrTrailingSpace': {
    da: 'Bruger-ID må ikke begynde eller slutte med mellemrum.',
    en: 'The user ID must not start or end with a space.',
  },
  'enrollment.userId.looksLikeCpr': {
    da: 'Bruger-ID må ikke ligne et CPR-nummer: ikke 10 tal i træk og ikke 6 tal og 4 tal med bindestreg, punktum eller mellemrum imellem.',
    en: 'The user ID must not look like a CPR number: no 10 digits in a row, and no 6 digits and 4 digits with a hyphen, full stop or space between them.',
  },
  'enrollment.userId.isOwnCpr': {
    da: 'Af sikkerhedshensyn må du ikke bruge dit CPR-nummer i dit bruger-ID.',
    en: 'For your security, your user ID must not contain your CPR number.',
  },
  'enrollment.userId.taken': {
    da: 'Bruger-ID er allerede i brug. Vælg et andet.',
    en: 'This user ID is already in use. Choose another one.',
  },

  // Validation and activation codes (oneTimeCode.ts).
  'enrollment.code.malformed': {
    da: 'Koden skal være {digits} tal.',
    en: 'The code must be {digits} digits.',
  },
  'enrollment.code.wrong': {
    da: 'Koden er forkert. Du har {attemptsLeft} forsøg tilbage.',
    en: 'The code is wrong. You have {attemptsLeft} attempts left.',
  },
  'enrollment.code.blocked': {
    da: 'Koden er spærret efter for mange forkerte forsøg. Få en ny kode.',
    en: 'The code is blocked after too many wrong attempts. Get a new code.',
  },
  'enrollment.code.expired': {
    da: 'Koden er udløbet. Få en ny kode.',
    en: 'The code has expired. Get a new code.',
  },
  'enrollment.code.used': {
    da: 'Koden er allerede brugt.',
    en: 'The code has already been used.',
  },
  'enrollment.code.notFound': {
    da: 'Der er ikke sendt en kode endnu.',
    en: 'No code has been sent yet.',
  },
  'enrollment.code.sendLimit': {
    da: 'Du kan ikke få sendt flere koder. Kontakt MitID support på 33 98 00 10.',
    en: 'No more codes can be sent. Contact MitID support on +45 33 98 00 10.',
  },

  // Terms and privacy policy (terms.ts); the page's wording is the guide's.
  'enrollment.terms.title': { da: 'Læs og accepter vilkår', en: 'Read and accept the terms' },
  'enrollment.terms.intro': {
    da: 'For at kunne bruge MitID skal du læse og acceptere vilkårene og privatlivspolitikken ved brug af MitID.',
    en: 'To use MitID you must read and accept the terms and the privacy policy for using MitID.',
  },
  'enrollment.terms.keyPointsTitle': {
    da: 'Det er særligt vigtigt for dig at vide, at:',
    en: 'It is especially important for you to know that:',
  },
  'enrollment.terms.keyPoint.signature': {
    da: 'Det svarer til din fysiske underskrift, når du godkender med MitID',
    en: 'Approving with MitID is equivalent to your physical signature',
  },
  'enrollment.terms.keyPoint.neverShare': {
    da: 'Du må aldrig dele dit personlige MitID med andre',
    en: 'You must never share your personal MitID with anyone',
  },
  'enrollment.terms.keyPoint.block': {
    da: 'Du skal straks spærre dit personlige MitID, hvis du mistænker, at det er blevet misbrugt',
    en: 'You must block your personal MitID at once if you suspect it has been misused',
  },
  'enrollment.terms.readTerms': {
    da: 'Læs vilkår og betingelser for MitID',
    en: 'Read the MitID terms and conditions',
  },
  'enrollment.terms.readPrivacy': {
    da: 'Læs Privatlivspolitik for MitID',
    en: 'Read the MitID privacy policy',
  },
  'enrollment.terms.download': {
    da: 'Download vilkår og betingelser for MitID',
    en: 'Download the MitID terms and conditions',
  },
  'enrollment.terms.downloadPrivacy': {
    da: 'Download Privatlivspolitik for MitID',
    en: 'Download the MitID privacy policy',
  },
  'enrollment.terms.print': {
    da: 'Print vilkår og betingelser for MitID',
    en: 'Print the MitID terms and conditions',
  },
  'enrollment.terms.printNow': { da: 'Print', en: 'Print' },
  'enrollment.terms.accept': {
    da: 'Jeg har læst og forstået vilkår og betingelser for MitID',
    en: 'I have read and understood the MitID terms and conditions',
  },
  'enrollment.terms.mustAccept': {
    da: 'Du skal acceptere vilkår og betingelser for MitID for at kunne bruge MitID.',
    en: 'You must accept the MitID terms and conditions to use MitID.',
  },
  'enrollment.terms.version': {
    da: 'Version {version}, gældende fra {date}',
    en: 'Version {version}, in force from {date}',
  },
} satisfies Record<string, Text>;
