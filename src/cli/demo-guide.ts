// The demo municipality's samarbejdsguide and handleguide (S3), written in our own words from
// the seeds: Egedal's opsporingsmodel and inddragende netværksmøder with Signs of Safety,
// Assens' lokalt styrede tværfaglige teams and dialogbaseret underretning, Aalborg's
// trivselsfora and the handbook "På tværs", Hedensted's samarbejdsguide (samarbejdsrum,
// faggrupper, TTR, træffetid), Aabenraa's Tidlig Forebyggelse with FIT (seed 002, 003).
// Everything is fictitious demo content: telephone numbers and addresses are made up.
// Created through the guide's services as the demo administrator (validated, audited), with
// fixed ids so every demo start gives the same guide.
import { staffActor } from '../access/actor.ts';
import type { DataContext } from '../access/scope.ts';
import type { GuideKind } from '../domain/guide-entry.ts';
import { createEntry } from '../modules/guide/service.ts';
import { createHandleguide, overview } from '../modules/guide/handleguide-service.ts';
import { DEMO_MUNICIPALITY_ID } from './demo-data.ts';

interface DemoEntry {
  slug: string;
  kind: GuideKind;
  isPublic: boolean;
  title: string;
  summary: string;
  body: string;
  fields: Record<string, string>;
}

/** v4-formatted, fixed: 6a1d0000-0000-4000-8000-<n>. */
const entryId = (n: number) => `6a1d0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const guideId = (n: number) => `6a1d1000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const DEMO_GUIDE_ENTRIES: readonly DemoEntry[] = [
  // ── samarbejdsrum ──
  {
    slug: 'inddragende-netvaerksmoede',
    kind: 'samarbejdsrum',
    isPublic: true,
    title: 'Inddragende netværksmøde',
    summary: 'Familien, barnets netværk og fagpersonerne mødes for at finde løsninger, som alle kan bakke op om. Første mulighed, når et barn vurderes i gul position.',
    body: `Et inddragende netværksmøde samler familien og de fagpersoner, der kender barnet, om én fælles forståelse af, hvad der går godt, hvad vi er bekymrede for, og hvad der skal ske. Mødet holdes med barnets forældre – aldrig om dem.

Vi bruger Signs of Safety til at strukturere samtalen (se mødeværktøjet "Signs of Safety – de tre kolonner"). Mødet slutter med en konkret plan: hvem gør hvad, og hvornår følger vi op.

Inspireret af Egedal Kommune, hvor de tværfaglige teams holder inddragende netværksmøder om børn i gul position.`,
    fields: {
      purpose: 'At samle familien og det faglige netværk om barnet og aftale små, konkrete skridt, som alle kan støtte.',
      participants: 'Forældrene (og barnet, når det giver mening), barnets pædagog eller lærer, lederen, det tværfaglige team (socialrådgiver, psykolog, sundhedsplejerske) og andre fra familiens netværk, som familien ønsker med.',
      whenToUse: 'Når et barn vurderes i gul position, eller når en bekymring ikke er blevet mindre efter en samtale med forældrene.',
      how: 'Lederen indkalder. Pædagogen eller læreren forbereder forældrene. Mødet varer 1–1½ time og følger de tre kolonner i Signs of Safety. Referatet sendes til alle deltagere.',
    },
  },
  {
    slug: 'tvaerfagligt-team',
    kind: 'samarbejdsrum',
    isPublic: true,
    title: 'Tværfagligt team i dagtilbud og skole',
    summary: 'Et fast team af socialrådgiver, psykolog og sundhedsplejerske, som kommer på skolen eller i dagtilbuddet hver 3.–4. uge og giver råd om konkrete bekymringer.',
    body: `Hver skole og hvert dagtilbud har et fast tværfagligt team. Det er de samme personer hver gang, så man lærer hinanden at kende, og der er en åben dør, når man er i tvivl.

Ingen bekymring er for lille. Både fagpersoner og forældre kan bede lederen om at tage en bekymring op i teamet.

Forældre inviteres altid. Deltager de ikke, skal de have givet accept til, at barnet drøftes.

Teamet må ikke drøfte børn, der allerede har en sag i Børn og Familie – her går man til sagens rådgiver.

Inspireret af Assens Kommunes lokalt styrede tværfaglige teams.`,
    fields: {
      purpose: 'Tidlig, tværfaglig rådgivning om et barn, før bekymringen vokser sig stor.',
      participants: 'Fast: socialrådgiver, psykolog (PPR) og sundhedsplejerske. Efter behov: ergo- eller fysioterapeut, tale-/hørekonsulent, SSP, UU. Desuden barnets pædagog eller lærer og forældrene.',
      whenToUse: 'Når et barn viser tegn på mistrivsel, når en handleplan ikke virker efter hensigten, og når et barn har meget skolefravær.',
      how: 'Lederen ejer teamet og sætter dagsordenen. Teamet mødes mindst 1–2 timer hver 3.–4. uge på skolen eller i dagtilbuddet. Bekymring → lederen spørges → punkt på dagsordenen → drøftelse med forældrene → råd og vejledning.',
    },
  },
  {
    slug: 'trivselsforum',
    kind: 'samarbejdsrum',
    isPublic: true,
    title: 'Trivselsforum på skolen',
    summary: 'Skolens faste forum for elevernes trivsel, hvor skoleledelse, trivselsmedarbejder, sundhedsplejerske, familieafdeling, PPR og SSP mødes.',
    body: `På hver skole er der et trivselsforum, som opsporer tegn på mistrivsel og sætter en tidlig og koordineret indsats i gang – sammen med eleven og forældrene.

Alle i forummet bruger de samme redskaber og det samme sprog, så familien møder en sammenhængende hjælp.

Inspireret af Aalborg Kommunes trivselsfora og håndbogen "På tværs".`,
    fields: {
      purpose: 'At opdage mistrivsel tidligt og koordinere indsatsen på tværs af faggrupper.',
      participants: 'En repræsentant for skoleledelsen, skolens trivselsmedarbejder, sundhedsplejersken, en rådgiver fra familieafdelingen, en psykolog fra PPR og skolens SSP-medarbejder.',
      whenToUse: 'Når en lærer eller pædagog er bekymret for en elev, og bekymringen kræver mere end en samtale med forældrene.',
      how: 'Læreren drøfter først bekymringen med forældrene og melder den derefter til trivselsmedarbejderen. Forummet mødes fast og bruger Signs of Safety.',
    },
  },
  {
    slug: 'distriktsteam',
    kind: 'samarbejdsrum',
    isPublic: true,
    title: 'Distriktsteamets samarbejdsmøde',
    summary: 'Distriktets faste team af fagpersoner fra almenområdet og de specialiserede tilbud. Vejen til de forebyggende socialrådgivere går gennem teamets møder.',
    body: `Kommunen er delt i fem distrikter, der følger skoledistrikterne. Hvert distrikt har et fast distriktsteam med fagpersoner fra sundhedstjenesten, PPR og familieafdelingen.

Teamet har et mandat fra styregruppen til at sætte mindre, forebyggende indsatser i gang uden en sag.`,
    fields: {
      purpose: 'At give distriktets skole og dagtilbud hurtig adgang til tværfaglig sparring og forebyggende indsatser.',
      participants: 'Distriktsfacilitatoren, distriktets forebyggende socialrådgivere, sundhedsplejerske, psykolog og en rådgiver fra familieafdelingen.',
      whenToUse: 'Når en bekymring går på tværs af flere institutioner i distriktet, eller når der er brug for en forebyggende socialrådgiver.',
      how: 'Lederen af skolen eller dagtilbuddet melder punktet til distriktsfacilitatoren senest en uge før mødet.',
    },
  },
  {
    slug: 'sparring-med-forebyggende-raadgiver',
    kind: 'samarbejdsrum',
    isPublic: false,
    title: 'Sparring med forebyggende rådgiver (træffetid)',
    summary: 'Fast træffetid, hvor skole, dagtilbud og sundhedspleje kan få sparring om en bekymring – uden at barnet nævnes ved navn.',
    body: `Den forebyggende socialrådgiver har træffetid hver uge i distriktet. Du kan få hjælp til at afklare dine handlemuligheder, til at forberede en samtale med forældrene, og til at vurdere, om der er grund til at underrette.

Sparringen er anonym: nævn ikke barnets navn eller CPR-nummer, før forældrene har givet samtykke.

Inspireret af Hedensted Kommunes træffetid for socialrådgivere.`,
    fields: {
      purpose: 'At afklare handlemuligheder tidligt og styrke fagpersonens egen håndtering.',
      participants: 'Den forebyggende socialrådgiver og den fagperson, der er bekymret. Lederen kan deltage.',
      whenToUse: 'Når du er i tvivl om, hvad du skal gøre – også ved små bekymringer.',
      how: 'Mød op i træffetiden tirsdag kl. 8–10 på distriktets skole, eller ring på 11 22 33 44 i samme tidsrum.',
    },
  },
  {
    slug: 'tidlig-tvaerfaglig-raadgivning',
    kind: 'samarbejdsrum',
    isPublic: true,
    title: 'Tidlig Tværfaglig Rådgivning (TTR)',
    summary: 'Sundhedspleje, PPR og Børn og Familie giver sammen råd til familier og fagpersoner – og kan sætte en lille indsats i gang, hvor der ikke er en sag.',
    body: `TTR er et rådgivningsmøde, hvor familien eller fagpersonen kan få et tværfagligt blik på en bekymring. Teamet kan knytte handling til rådet, for eksempel et kort forløb hos familiebehandlingen, så familien undgår at blive "en sag i systemet".

Inspireret af Hedensted Kommunes udvidede TTR.`,
    fields: {
      purpose: 'Tværfaglig rådgivning med mulighed for at handle med det samme.',
      participants: 'Sundhedsplejerske, psykolog fra PPR og socialrådgiver fra Børn og Familie – og familien eller fagpersonen, der har bedt om mødet.',
      whenToUse: 'Når der ikke allerede er en sag i Børn og Familie, og bekymringen kan løses med råd og en kort indsats.',
      how: 'Book en tid via sundhedsplejen eller PPR. Forældre kan selv henvende sig.',
    },
  },
  {
    slug: 'dialogbaseret-underretning',
    kind: 'samarbejdsrum',
    isPublic: true,
    title: 'Dialogbaseret underretning',
    summary: 'Underretningen skrives på et møde med forældrene, så de er med fra begyndelsen. Bruges ikke ved mistanke om vold eller overgreb.',
    body: `Ved en dialogbaseret underretning skrives underretningen sammen med forældrene på et møde på skolen eller i dagtilbuddet. Socialrådgiveren deltager, så partshøringen sker på mødet, og der kan lægges en plan med det samme.

Sådan foregår det:
- Skolen eller dagtilbuddet har først en samtale med forældrene om bekymringen.
- Lederen inviterer socialrådgiveren; pædagogen eller læreren inviterer forældrene og giver dem en folder.
- Fagpersonerne møder et kvarter før – så forældrene ved, at ingen drøfter dem uden for mødet.
- Lederen leder mødet, beskriver bekymringen og skriver referat efter en fast skabelon.
- Referatet underskrives af alle, og planen siger, hvem der har ansvaret for hvad.

Ved mistanke om vold eller seksuelle overgreb underretter du straks på den almindelige måde.

Inspireret af Assens Kommune.`,
    fields: {
      purpose: 'En underretning, der er bedre belyst, og et samarbejde med forældrene fra første dag.',
      participants: 'Altid: socialrådgiver, lederen (mødeleder), barnets primære pædagog eller lærer og forældrene. Efter behov: barnet, PPR, sundhedsplejerske, en bisidder.',
      whenToUse: 'Når en bekymring skal underrettes, og den ikke handler om vold eller overgreb.',
      how: 'Mødet varer 1–1½ time i institutionen. Socialrådgiveren kan på mødet bevilge en forebyggende indsats (Barnets Lov § 30) eller beslutte en børnefaglig undersøgelse.',
    },
  },
  // ── faggrupper ──
  {
    slug: 'sundhedsplejen',
    kind: 'faggruppe',
    isPublic: true,
    title: 'Sundhedsplejen',
    summary: 'Sundhedsplejersker følger alle børn fra fødslen og i skolen og er med i de tværfaglige teams.',
    body: `Sundhedsplejen kommer i hjemmet i barnets første leveår og følger skolebørn med sundhedssamtaler. Sundhedsplejersken er ofte den første, der ser tegn på mistrivsel hos de mindste.`,
    fields: {
      offers: 'Hjemmebesøg til nyfødte, vejledning om trivsel, søvn og spisning, sundhedssamtaler i skolen og deltagelse i tværfaglige teams og TTR.',
      targetGroup: 'Alle familier med børn 0–18 år.',
      contact: 'Ring til Sundhedsplejen på 11 22 33 00 hverdage kl. 8–9, eller skriv via kommunens hjemmeside.',
    },
  },
  {
    slug: 'ppr',
    kind: 'faggruppe',
    isPublic: true,
    title: 'PPR – Pædagogisk Psykologisk Rådgivning',
    summary: 'Psykologer og konsulenter, der rådgiver dagtilbud, skoler og forældre om børns udvikling, læring og trivsel.',
    body: `PPR giver sparring til pædagoger og lærere, laver pædagogisk-psykologiske vurderinger og deltager i de tværfaglige teams. PPR rummer også tale-/hørekonsulenterne.`,
    fields: {
      offers: 'Sparring og konsultation, observation i dagtilbud og skole, pædagogisk-psykologiske vurderinger, forældrerådgivning.',
      targetGroup: 'Børn 0–18 år, deres forældre og de fagpersoner, der arbejder med dem.',
      contact: 'Skoler og dagtilbud kontakter PPR via lederen. Forældre kan ringe på 11 22 33 10 hverdage kl. 9–12.',
    },
  },
  {
    slug: 'forebyggende-socialraadgivere',
    kind: 'faggruppe',
    isPublic: true,
    title: 'Forebyggende socialrådgivere',
    summary: 'Hvert distrikt har en eller to socialrådgivere, der arbejder tæt på dagtilbud, skoler og familier – uden at der oprettes en sag.',
    body: `De forebyggende socialrådgivere bruger det meste af deres tid i dagtilbud, skoler og hjem. De kan tilbyde rådgivende samtaler og korte forløb, og de hjælper fagpersoner med at handle på en bekymring.`,
    fields: {
      offers: 'Rådgivende samtaler med familier, sparring til fagpersoner, deltagelse i netværksmøder, korte forebyggende forløb.',
      targetGroup: 'Familier med børn 0–18 år, hvor der er en begyndende bekymring.',
      contact: 'Henvisning sker via distriktsteamets samarbejdsmøde. Fagpersoner kan få sparring i træffetiden. Forældre kan ringe på 11 22 33 20.',
    },
  },
  {
    slug: 'tidlig-forebyggelse',
    kind: 'faggruppe',
    isPublic: true,
    title: 'Tidlig Forebyggelse – familiebehandling uden sag',
    summary: 'Én indgang til kommunens forebyggende forløb for familier. Alle kan henvende sig, også anonymt, og der oprettes ikke en sag.',
    body: `Tidlig Forebyggelse samler kommunens forebyggende forløb ét sted. Et forløb er højst 12 samtaler og 2 netværksmøder og holdes hjemme, i skolen eller i dagtilbuddet – altid med familien, aldrig om den.

Lederen ser alle nye henvendelser en gang om ugen og fordeler dem efter de kompetencer, der er brug for. Medarbejderen kontakter familien samme dag eller hurtigst muligt.

Familien giver løbende feedback med FIT (se mødeværktøjet "FIT – feedback fra familien").

Inspireret af Aabenraa Kommunes Tidlig Forebyggelse.`,
    fields: {
      offers: 'Individuelle forløb og gruppeforløb (fx for børn af psykisk syge forældre og for forældre til teenagere), anonym rådgivning.',
      targetGroup: 'Motiverede familier med børn 0–18 år og et afgrænset problem.',
      contact: 'Familier ringer selv på 11 22 33 30. Skoler, dagtilbud og sundhedspleje henvender sig sammen med familien.',
    },
  },
  {
    slug: 'tale-hoerekonsulent',
    kind: 'faggruppe',
    isPublic: true,
    title: 'Tale-/hørekonsulenter',
    summary: 'Konsulenter i PPR, der hjælper børn med sprog-, tale- og høreudfordringer.',
    body: `Tale-/hørekonsulenterne vurderer børns sprog og tale, vejleder forældre og pædagoger og kan deltage i det tværfaglige team, når sproget er en del af bekymringen.`,
    fields: {
      offers: 'Sprogvurderinger, forløb for børn med tale- eller høreudfordringer, vejledning til forældre og personale.',
      targetGroup: 'Børn 0–16 år.',
      contact: 'Via PPR på 11 22 33 10 eller gennem dagtilbuddets leder.',
    },
  },
  // ── retningslinjer ──
  {
    slug: 'skaerpet-underretningspligt',
    kind: 'retningslinje',
    isPublic: true,
    title: 'Skærpet underretningspligt (Barnets Lov § 133)',
    summary: 'Som ansat i en offentlig tjeneste skal du underrette kommunen, hvis du får kendskab til eller grund til at antage, at et barn kan have behov for særlig støtte.',
    body: `Pligten er personlig: du kan ikke lade en kollega eller din leder bære den for dig, men du kan – og bør – drøfte bekymringen med din leder først.

Det skal du gøre:
- Drøft bekymringen med din leder samme dag.
- Underret, også hvis du er i tvivl. Kommunen vurderer inden for 24 timer, om barnet har brug for akut hjælp.
- Ved mistanke om vold eller seksuelle overgreb: underret straks, og tal ikke med forældrene først.
- Overvej en dialogbaseret underretning, når bekymringen ikke handler om vold eller overgreb.

Som fagperson får du en kvittering for modtagelsen inden for 6 hverdage (Barnets Lov § 137). Tidligere hed reglen servicelovens § 153.`,
    fields: {
      appliesWhen: 'Når du har kendskab til eller grund til at antage, at et barn under 18 år kan have behov for særlig støtte, eller har været udsat for vold eller andre overgreb.',
      legalBasis: 'Barnets Lov §§ 133–137 (tidligere serviceloven §§ 153–155).',
    },
  },
  {
    slug: 'samtykke-og-personoplysninger',
    kind: 'retningslinje',
    isPublic: true,
    title: 'Samtykke og deling af oplysninger',
    summary: 'Oplysninger om et barn deles kun med forældrenes samtykke – med få undtagelser, som loven fastsætter.',
    body: `Før du drøfter et navngivet barn i et tværfagligt team eller på et netværksmøde, skal forældrene have givet samtykke eller accept. Samtykket skal sige, hvilke oplysninger der deles, med hvem og til hvilket formål, og det kan altid trækkes tilbage.

Uden samtykke må fagpersoner kun udveksle oplysninger i de situationer, loven tillader – fx i et fælles møde om tidlig forebyggelse, hvor formål og deltagere skrives ned.

Er du i tvivl, så drøft sagen anonymt (se "Sparring med forebyggende rådgiver").`,
    fields: {
      appliesWhen: 'Hver gang oplysninger om et barn eller en familie deles mellem fagpersoner.',
      legalBasis: 'Databeskyttelsesforordningen, databeskyttelsesloven og Barnets Lov.',
    },
  },
  {
    slug: 'trivselsvurdering',
    kind: 'retningslinje',
    isPublic: true,
    title: 'Trivselsvurdering af alle børn',
    summary: 'Tre gange om året vurderer dagtilbud og skoler hvert barns samlede trivsel i grøn, gul eller rød position.',
    body: `Trivselsvurderingen giver et fælles sprog på tværs af sundhedspleje, dagtilbud og skole:
- Grøn: barnet trives.
- Gul: der er en bekymring.
- Rød: der er en stærk bekymring.

Vurderingen er en anledning til at handle tidligt – ikke en diagnose. Handleguiden siger, hvad du gør ved hver position. Målet er, at flere børn er og bliver grønne.

Inspireret af Egedal Kommunes opsporingsmodel og Hedensted Kommunes "Stay Green".`,
    fields: {
      appliesWhen: 'I hver trivselsrunde og ved overgange (dagpleje → børnehave → skole → klub).',
      legalBasis: 'Kommunens sammenhængende børne- og ungepolitik.',
    },
  },
  // ── mødeværktøjer ──
  {
    slug: 'signs-of-safety',
    kind: 'moedevaerktoej',
    isPublic: true,
    title: 'Signs of Safety – de tre kolonner',
    summary: 'En fælles struktur for samtalen: Hvad går godt? Hvad er vi bekymrede for? Hvad skal der ske?',
    body: `Signs of Safety hjælper familien og fagpersonerne med at få et balanceret billede af barnets situation – både bekymringerne og det, der beskytter barnet.

De tre kolonner:
- Hvad går godt? (ressourcer og beskyttende faktorer)
- Hvad er vi bekymrede for? (konkret, uden fagsprog)
- Hvad skal der ske? (næste skridt, og hvem der gør hvad)

Afslut med et skaleringsspørgsmål: "På en skala fra 0 til 10, hvor 10 er, at alt er, som det skal være – hvor er vi i dag?"`,
    fields: {
      purpose: 'Et fælles sprog og en balanceret vurdering, hvor familiens egne løsninger kommer frem.',
      how: 'Tegn de tre kolonner på en tavle eller et stort papir. Mødelederen sørger for, at alle – også barnet og forældrene – kommer til orde. Skriv med familiens egne ord.',
    },
  },
  {
    slug: 'de-tre-huse',
    kind: 'moedevaerktoej',
    isPublic: true,
    title: 'De tre huse',
    summary: 'Et samtaleværktøj, der giver barnet sin egen stemme: det gode hus, bekymringernes hus og drømmenes hus.',
    body: `De tre huse bruges i samtalen med barnet før et netværksmøde. Barnet tegner eller fortæller, og fagpersonen skriver barnets egne ord ned.

- Det gode hus: hvad er godt i dit liv?
- Bekymringernes hus: hvad er du ked af eller bange for?
- Drømmenes hus: hvordan ville det være, hvis alt var godt?

Barnets huse kan vises på mødet, hvis barnet siger ja.`,
    fields: {
      purpose: 'At høre barnets perspektiv, så det kommer med i planen (Barnets Lov giver barnet ret til at blive hørt).',
      how: 'Brug et ark med tre huse. Tal med barnet et trygt sted og i barnets tempo. Spørg barnet, hvad der må deles med forældrene og på mødet.',
    },
  },
  {
    slug: 'fit-feedback',
    kind: 'moedevaerktoej',
    isPublic: true,
    title: 'FIT – feedback fra familien',
    summary: 'Familien vurderer efter hver samtale, hvordan det går, og hvordan samarbejdet er. Scorerne bruges til at justere forløbet.',
    body: `FIT (Feedback Informed Treatment) består af to korte skemaer: ét om, hvordan familien har det, og ét om, hvordan samtalen var. Medarbejderen gennemgår svarene med familien med det samme.

Når scoren ikke bevæger sig, tager man det op: skal forløbet ændres, eller er der brug for en anden hjælp? Scorerne bruges også i supervision.`,
    fields: {
      purpose: 'At gøre familiens oplevelse til en fast del af forløbet og opdage tidligt, hvis hjælpen ikke virker.',
      how: 'Udfyld skemaet ved start og slut af hver samtale (2–3 minutter). Tal om svarene, og skriv aftalen ned.',
    },
  },
];

const ENTRY_INDEX = new Map(DEMO_GUIDE_ENTRIES.map((e, i) => [e.slug, i + 1]));
const idOf = (slug: string) => {
  const n = ENTRY_INDEX.get(slug);
  if (!n) throw new Error(`demo guide: unknown entry ${slug}`);
  return entryId(n);
};

/** The handleguide of the default grøn/gul/rød scale (seed 002, Egedal; domain.md S3). */
export const DEMO_HANDLEGUIDES = [
  {
    ordinal: 1,
    title: 'Grøn: barnet trives',
    whatToDo: 'Fortsæt det almindelige pædagogiske arbejde. Hold øje med overgange og med børn, der tidligere har været i gul eller rød position.',
    steps: ['Fortsæt det almindelige pædagogiske arbejde i fællesskabet', 'Fortæl forældrene, hvad barnet trives med', 'Vær opmærksom ved overgange (fx fra børnehave til skole)'],
    entries: ['trivselsvurdering'],
    nextSteps: ['guide.read_guideline'],
  },
  {
    ordinal: 2,
    title: 'Gul: der er en bekymring',
    whatToDo: 'Tal med en kollega eller din leder om bekymringen, og tal med forældrene. Første mulighed er et inddragende netværksmøde med det tværfaglige team, hvor I bruger Signs of Safety.',
    steps: [
      'Drøft bekymringen med en kollega eller din leder',
      'Tal med forældrene om det, du ser – også om det, der går godt',
      'Bed lederen om at indkalde til et inddragende netværksmøde med det tværfaglige team',
      'Brug Signs of Safety til at strukturere mødet',
      'Aftal, hvem der gør hvad, og hvornår I følger op',
    ],
    entries: ['inddragende-netvaerksmoede', 'tvaerfagligt-team', 'signs-of-safety', 'de-tre-huse', 'sparring-med-forebyggende-raadgiver'],
    nextSteps: ['people.open_child', 'guide.open_room', 'guide.use_tool'],
  },
  {
    ordinal: 3,
    title: 'Rød: der er en stærk bekymring',
    whatToDo: 'Handl samme dag. Tal med din leder, og få hurtigt et tværfagligt blik på barnet. Du har skærpet underretningspligt: er du i tvivl, så underret.',
    steps: [
      'Tal med din leder i dag',
      'Få sparring fra den forebyggende rådgiver eller det tværfaglige team',
      'Tal med forældrene – medmindre bekymringen handler om vold eller overgreb',
      'Underret efter Barnets Lov § 133 – gerne som dialogbaseret underretning',
      'Ved mistanke om vold eller overgreb: underret straks',
    ],
    entries: ['tvaerfagligt-team', 'dialogbaseret-underretning', 'forebyggende-socialraadgivere', 'skaerpet-underretningspligt', 'samtykke-og-personoplysninger'],
    nextSteps: ['people.open_child', 'guide.open_room', 'guide.contact_faggruppe', 'guide.read_guideline'],
  },
] as const;

/**
 * Write the demo guide as the demo administrator, after the demo round has created the
 * municipality's scale. Called once, from seedDemo, right after the first seeding.
 */
export async function seedDemoGuide(ctx: DataContext, users: readonly { id: string; username: string; displayName: string }[]): Promise<void> {
  const admin = users.find((u) => u.username === 'admin');
  if (!admin) throw new Error('seedDemoGuide: the demo has no admin user');
  const actor = staffActor({
    municipalityId: DEMO_MUNICIPALITY_ID,
    userId: admin.id,
    displayName: admin.displayName,
    memberships: [{ role: 'admin', unitKind: 'municipality', unitId: DEMO_MUNICIPALITY_ID }],
  });
  for (const [i, e] of DEMO_GUIDE_ENTRIES.entries()) {
    await createEntry(ctx, actor, { ...e, changeNote: 'Demo-indhold' }, { id: entryId(i + 1) });
  }
  const scale = (await overview(ctx, actor, {})).scales[0];
  if (!scale) throw new Error('seedDemoGuide: the demo has no screening scale');
  for (const [i, g] of DEMO_HANDLEGUIDES.entries()) {
    if (!scale.positions.some((p) => p.position.ordinal === g.ordinal)) continue;
    await createHandleguide(
      ctx,
      actor,
      { scaleId: scale.id, ordinal: g.ordinal, title: g.title, whatToDo: g.whatToDo, steps: [...g.steps], entryIds: g.entries.map(idOf), nextStepIds: [...g.nextSteps], changeNote: 'Demo-indhold' },
      { id: guideId(i + 1) },
    );
  }
}
