// Constants and name lists for the fictitious demo municipality (seed-demo.ts). Everything
// here is invented: a Halsnæs-like municipality with five school districts (domain.md §1,
// seeds 000/001). Names are common Danish names combined at random; no person is meant.

export const DEMO_MUNICIPALITY_ID = '00000000-0000-4000-8000-000000000999';
export const DEMO_MUNICIPALITY_CODE = '999';
export const DEMO_MUNICIPALITY_NAME = 'Demo Kommune';
export const DEMO_PASSWORD = 'tidlig-demo';

/** The fixed seed of the demo PRNG: the same `today` always gives the same municipality. */
export const DEMO_SEED = 0x7d1d_2025;

/** About as many children 0–17 as Halsnæs has (≈ 5,700; seed 001: 15.9 % vulnerable ≈ 900). */
export const DEMO_CHILD_COUNT = 5700;

/** Years of enrolment history kept back from `today`. */
export const HISTORY_YEARS = 3;

export interface DemoLogin {
  username: string;
  role: string;
  description: string;
}

/** One log-in per role, all with DEMO_PASSWORD. Descriptions are shown at `npm start`. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { username: 'paedagog', role: 'fagperson', description: 'Pædagog på en stue i Børnehaven Solsikken (ca. 20 børn)' },
  { username: 'laerer', role: 'fagperson', description: 'Lærer i 3.A på Nordskolen' },
  { username: 'dagplejer', role: 'fagperson', description: 'Dagplejer i Dagplejen (Distrikt Nord), 4–5 børn' },
  { username: 'sundhedsplejerske', role: 'fagperson', description: 'Sundhedsplejerske i Distrikt Nord og distriktsteamet' },
  { username: 'leder', role: 'leder', description: 'Leder af Børnehaven Solsikken' },
  { username: 'skoleleder', role: 'leder', description: 'Skoleleder på Nordskolen (ejer skolens tværfaglige team)' },
  { username: 'facilitator', role: 'distriktsfacilitator', description: 'Distriktsfacilitator i Distrikt Nord (tal, ikke enkeltbørn)' },
  { username: 'raadgiver', role: 'myndighedsraadgiver', description: 'Myndighedsrådgiver i Myndighed Team 1 (ca. 25 sager)' },
  { username: 'teamleder', role: 'teamleder', description: 'Teamleder for Myndighed Team 1' },
  { username: 'myndighedsleder', role: 'myndighedsleder', description: 'Leder af Familieafdelingen (myndighed)' },
  { username: 'forebyggende', role: 'forebyggende_raadgiver', description: 'Forebyggende rådgiver i Distrikt Nord (ca. 8 forløb)' },
  { username: 'familiebehandler', role: 'familiebehandler', description: 'Familiebehandler i Familiehuset (ca. 6 forløb)' },
  { username: 'admin', role: 'admin', description: 'Administrator: organisation, medarbejdere og import' },
  { username: 'dpo', role: 'dpo', description: 'Databeskyttelsesrådgiver (DPO): loggen over brug af data' },
];

export type DaycareType = 'boernehave' | 'vuggestue' | 'integreret';

export interface DemoDistrict {
  key: string;
  name: string;
  /** Share of the municipality's families living in the district. */
  weight: number;
  /** Parallel classes per level at the district's school (sized to ≈ 21–25 pupils a class). */
  classesPerLevel: number;
  /** Large districts get two health visitors and two forebyggende rådgivere. */
  large: boolean;
  school: string;
  /** Index into DEMO_KLUBBER: the klub the district's children go to. */
  klub: number;
  daycares: readonly { name: string; type: DaycareType }[];
}

export const DEMO_DISTRICTS: readonly DemoDistrict[] = [
  {
    key: 'nord',
    name: 'Distrikt Nord',
    weight: 0.22,
    classesPerLevel: 3,
    large: true,
    school: 'Nordskolen',
    klub: 0,
    daycares: [
      { name: 'Børnehaven Solsikken', type: 'boernehave' },
      { name: 'Vuggestuen Mariehønen', type: 'vuggestue' },
      { name: 'Børnehuset Regnbuen', type: 'integreret' },
    ],
  },
  {
    key: 'havnen',
    name: 'Distrikt Havnen',
    weight: 0.22,
    classesPerLevel: 3,
    large: true,
    school: 'Havneskolen',
    klub: 1,
    daycares: [
      { name: 'Børnehaven Fyrtårnet', type: 'boernehave' },
      { name: 'Vuggestuen Ankeret', type: 'vuggestue' },
      { name: 'Børnehuset Bølgen', type: 'integreret' },
      { name: 'Børnehaven Skibet', type: 'boernehave' },
    ],
  },
  {
    key: 'skoven',
    name: 'Distrikt Skoven',
    weight: 0.2,
    classesPerLevel: 3,
    large: false,
    school: 'Skovskolen',
    klub: 0,
    daycares: [
      { name: 'Børnehuset Egernet', type: 'integreret' },
      { name: 'Vuggestuen Mosegrisen', type: 'vuggestue' },
      { name: 'Børnehaven Skovtrolden', type: 'boernehave' },
    ],
  },
  {
    key: 'engen',
    name: 'Distrikt Engen',
    weight: 0.16,
    classesPerLevel: 2,
    large: false,
    school: 'Engskolen',
    klub: 2,
    daycares: [
      { name: 'Børnehuset Kløverengen', type: 'integreret' },
      { name: 'Børnehaven Valmuen', type: 'boernehave' },
    ],
  },
  {
    key: 'fjorden',
    name: 'Distrikt Fjorden',
    weight: 0.2,
    classesPerLevel: 3,
    large: false,
    school: 'Fjordskolen',
    klub: 1,
    daycares: [
      { name: 'Børnehuset Tangen', type: 'integreret' },
      { name: 'Vuggestuen Søstjernen', type: 'vuggestue' },
      { name: 'Børnehaven Muslingen', type: 'boernehave' },
    ],
  },
];

export const DEMO_KLUBBER: readonly string[] = ['Klubben Nordlys', 'Ungdomsklubben Havnen', 'Klub Engen'];

export const MUNICIPAL_INSTITUTIONS = {
  dagpleje: 'Dagplejen',
  sundhedspleje: 'Sundhedsplejen',
  ppr: 'PPR – Pædagogisk Psykologisk Rådgivning',
  myndighed: 'Familieafdelingen',
  forebyggende: 'Tidlig Forebyggelse',
  udfoerer: 'Familiehuset',
} as const;

export const CASE_TEAMS = ['Myndighed Team 1', 'Myndighed Team 2'] as const;

/** Stuer in børnehaver and the børnehave part of integrerede institutioner. */
export const KINDERGARTEN_GROUPS: readonly string[] = [
  'Stue Blå',
  'Stue Grøn',
  'Stue Gul',
  'Stue Rød',
  'Solsikken',
  'Sommerfuglen',
  'Humlebien',
  'Pindsvinet',
  'Egernet',
  'Uglen',
  'Ræven',
  'Grævlingen',
];

/** Stuer for the youngest (vuggestue and the nursery part of integrerede institutioner). */
export const NURSERY_GROUPS: readonly string[] = [
  'Kyllingerne',
  'Ællingerne',
  'Myrerne',
  'Bierne',
  'Mariehønsene',
  'Frøerne',
  'Sneglene',
  'Musene',
  'Kaninerne',
  'Killingerne',
];


export const GIRL_NAMES: readonly string[] = [
  'Emma', 'Ida', 'Clara', 'Freja', 'Alma', 'Ella', 'Sofia', 'Karla', 'Agnes', 'Olivia',
  'Anna', 'Laura', 'Alberte', 'Josefine', 'Lærke', 'Ellen', 'Nora', 'Mathilde', 'Luna', 'Asta',
  'Liva', 'Vigga', 'Esther', 'Aya', 'Lily', 'Marie', 'Frida', 'Isabella', 'Emilie', 'Sara',
  'Caroline', 'Maja', 'Hannah', 'Signe', 'Cecilie', 'Victoria', 'Astrid', 'Johanne', 'Ingrid', 'Silje',
  'Rosa', 'Molly', 'Andrea', 'Julie', 'Mille', 'Filippa', 'Selma', 'Lea', 'Naja', 'Zainab',
];

export const BOY_NAMES: readonly string[] = [
  'William', 'Noah', 'Oscar', 'Lucas', 'Carl', 'Victor', 'Alfred', 'Malthe', 'Emil', 'Valdemar',
  'Oliver', 'Aksel', 'Magnus', 'Elias', 'August', 'Frederik', 'Arthur', 'Felix', 'Johan', 'Anton',
  'Theo', 'Otto', 'Viggo', 'Storm', 'Mads', 'Alexander', 'Christian', 'Marius', 'Villads', 'Laurits',
  'Mikkel', 'Rasmus', 'Sebastian', 'Tobias', 'Mathias', 'Jonas', 'Bertram', 'Adam', 'Benjamin', 'Liam',
  'Vincent', 'Hugo', 'Louie', 'Sigurd', 'Konrad', 'Bastian', 'Ali', 'Yusuf', 'Kasper', 'Søren',
];

export const WOMEN_NAMES: readonly string[] = [
  'Mette', 'Anne', 'Camilla', 'Louise', 'Maria', 'Line', 'Pernille', 'Charlotte', 'Sanne', 'Trine',
  'Stine', 'Katrine', 'Helle', 'Susanne', 'Rikke', 'Maja', 'Julie', 'Sarah', 'Christina', 'Marianne',
  'Tina', 'Lene', 'Hanne', 'Kirsten', 'Birgitte', 'Malene', 'Dorthe', 'Anja', 'Nadia', 'Signe',
  'Sofie', 'Mia', 'Ditte', 'Nanna', 'Heidi', 'Bettina', 'Janni', 'Lone', 'Fatima', 'Ayse',
];

export const MEN_NAMES: readonly string[] = [
  'Martin', 'Thomas', 'Michael', 'Jesper', 'Peter', 'Anders', 'Søren', 'Rasmus', 'Kasper', 'Jacob',
  'Christian', 'Morten', 'Henrik', 'Lars', 'Jens', 'Nicolai', 'Mads', 'Daniel', 'Mikkel', 'Simon',
  'Kristian', 'Jonas', 'Brian', 'Kenneth', 'Allan', 'René', 'Claus', 'Jan', 'Torben', 'Steffen',
  'Frederik', 'Jakob', 'Dennis', 'Kim', 'Troels', 'Bo', 'Ahmed', 'Mehmet', 'Tobias', 'Esben',
];

export const LAST_NAMES: readonly string[] = [
  'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Knudsen', 'Jakobsen', 'Mikkelsen', 'Olesen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Schmidt', 'Eriksen',
  'Holm', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Jeppesen', 'Vestergaard', 'Mogensen',
  'Nissen', 'Lauridsen', 'Jespersen', 'Kjær', 'Dahl', 'Bertelsen', 'Østergaard', 'Skov', 'Bach', 'Winther',
  'Friis', 'Juhl', 'Lind', 'Dam', 'Bruun', 'Nørgaard', 'Søndergaard', 'Berg', 'Krogh', 'Gregersen',
  'Ali', 'Hussein', 'Yilmaz', 'Nguyen', 'Ahmed', 'Kowalski', 'Mohamed', 'Demir', 'Novak', 'Khan',
];
