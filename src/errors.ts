// One error type with a stable code, an HTTP status and a Danish message (English second).
// The client shows the text for the code; a body never carries a stack, SQL or another
// municipality's facts.

export const MESSAGES = {
  'request.invalid': ['Oplysningerne er ikke udfyldt korrekt.', 'The request is not valid.'],
  'request.unsupported_media_type': ['Forkert dataformat.', 'Unsupported media type.'],
  'request.too_large': ['Forsendelsen er for stor.', 'The request body is too large.'],
  'request.timeout': ['Forespørgslen tog for lang tid. Prøv igen.', 'The request took too long.'],
  'request.rate_limited': ['For mange forespørgsler. Vent lidt, og prøv igen.', 'Too many requests.'],
  'request.not_found': ['Siden findes ikke.', 'Not found.'],
  'version.mismatch': [
    'Oplysningerne er ændret af en anden, siden du hentede dem. Hent siden igen.',
    'The record was changed by someone else.',
  ],
  'version.required': ['Versionen mangler (If-Match).', 'If-Match header is required.'],
  'auth.required': ['Du skal logge ind.', 'You must log in.'],
  'auth.login_failed': [
    'Log-ind mislykkedes. Tjek brugernavn og adgangskode. Efter 3 forkerte forsøg spærres kontoen – kontakt da din administrator.',
    'Log-in failed.',
  ],
  'auth.session_expired': ['Din session er udløbet. Log ind igen.', 'Your session has expired.'],
  'auth.csrf': ['Sikkerhedstjek mislykkedes. Genindlæs siden, og prøv igen.', 'CSRF check failed.'],
  'auth.sso_failed': ['Log-ind via kommunens login mislykkedes.', 'Single sign-on failed.'],
  'auth.sso_unknown_user': [
    'Du er ikke oprettet som bruger i Tidlig. Kontakt din administrator.',
    'No Tidlig user matches your identity.',
  ],
  'access.denied': ['Du har ikke adgang til dette.', 'Access denied.'],
  'consent.not_found': ['Samtykket findes ikke.', 'Consent not found.'],
  'consent.required': [
    'Der er ikke et gyldigt samtykke, der dækker modtageren, formålet og oplysningerne. Indhent samtykke fra forældremyndighedsindehaverne, eller angiv et lovgrundlag.',
    'No valid consent covers this recipient, purpose and information.',
  ],
  'consent.invalid': [
    'Samtykket er ikke udfyldt korrekt: det skal have et formål, mindst én oplysningstype, mindst én modtager og en gyldighedsperiode.',
    'The consent is not valid.',
  ],
  'consent.already_withdrawn': ['Samtykket er allerede trukket tilbage.', 'The consent has already been withdrawn.'],
  'consent.not_custody_holder': ['Samtykke kan kun gives af en forældremyndighedsindehaver for barnet.', 'Only a custody holder can give this consent.'],
  'consent.own_consent_not_allowed': [
    'Den unge kan ikke selv give samtykke her: kommunen tillader det ikke, eller den unge er under aldersgrænsen.',
    'The young person cannot give their own consent here.',
  ],
  'consent.legal_basis_invalid': ['Lovgrundlaget kan ikke bruges til denne modtager.', 'The legal basis does not apply to this recipient.'],
  'stafetlog.not_found': ['Stafetloggen findes ikke, eller du har ikke adgang.', 'Stafetlog not found.'],
  'stafetlog.already_open': [
    'Barnet har allerede en åben stafetlog. Bed stafetholderen om at tilføje dig som deltager.',
    'The child already has an open stafetlog.',
  ],
  'stafetlog.closed': ['Stafetloggen er lukket.', 'The stafetlog is closed.'],
  'stafetlog.holder_only': ['Kun stafetholderen kan gøre dette.', 'Only the stafetholder can do this.'],
  'stafetlog.participant_exists': ['Personen deltager allerede i stafetloggen.', 'Already a participant.'],
  'stafetlog.participant_not_found': ['Deltageren findes ikke.', 'Participant not found.'],
  'stafetlog.item_not_found': ['Punktet findes ikke i stafetloggen.', 'Item not found in the stafetlog.'],
  'stafetlog.relay_not_found': ['Stafetten findes ikke, eller den er ikke til dig.', 'Relay not found.'],
  'stafetlog.relay_pending': ['Der er allerede en stafet, som venter på at blive modtaget.', 'A relay is already pending.'],
  'stafetlog.holder_active': [
    'Stafetholderen er stadig med i loggen. Bed stafetholderen give stafetten videre.',
    'The stafetholder is still in the log. Ask them to hand the log on.',
  ],
  'stafetlog.document_too_large': ['Dokumentet er for stort. Højst 5 MB.', 'The document is too large (at most 5 MB).'],
  'stafetlog.document_type': ['Filtypen kan ikke vedhæftes. Brug PDF, Word, billeder eller tekst.', 'This file type cannot be attached.'],
  'portal.no_children': ['Vi kan ikke finde børn, som du har forældremyndighed over, i denne kommune.', 'No children in your custody were found in this municipality.'],
  'portal.login_failed': ['Log-ind med MitID mislykkedes. Prøv igen.', 'MitID log-in failed.'],
  'portal.demo_disabled': ['Demo-log-ind for borgere er slået fra.', 'Demo log-in for citizens is disabled.'],
  'notice.not_found': ['Beskeden findes ikke.', 'Notice not found.'],
  'municipality.not_found': ['Kommunen findes ikke.', 'Municipality not found.'],
  'child.not_found': ['Barnet findes ikke, eller du har ikke adgang.', 'Child not found.'],
  'child.cpr_taken': ['Der findes allerede et barn med dette CPR-nummer.', 'CPR already registered.'],
  'district.not_found': ['Distriktet findes ikke.', 'District not found.'],
  'institution.not_found': ['Institutionen findes ikke.', 'Institution not found.'],
  'group.not_found': ['Gruppen findes ikke.', 'Group not found.'],
  'team.not_found': ['Teamet findes ikke.', 'Team not found.'],
  'user.not_found': ['Medarbejderen findes ikke.', 'User not found.'],
  'membership.not_found': ['Tilknytningen findes ikke.', 'Membership not found.'],
  'enrolment.not_found': ['Indskrivningen findes ikke.', 'Enrolment not found.'],
  'import.not_found': ['Importen findes ikke.', 'Import not found.'],
  'import.empty': [
    'Filen er tom. Der skal være en linje med kolonneoverskrifter og mindst én linje med data.',
    'The file is empty.',
  ],
  'import.not_csv': [
    'Filen kan ikke læses som CSV. Gem den som CSV (semikolon- eller kommasepareret) i UTF-8.',
    'The file is not valid CSV.',
  ],
  'import.encoding': [
    'Filen er ikke gemt i UTF-8, så æ, ø og å kan ikke læses. Gem den som "CSV UTF-8".',
    'The file is not UTF-8 text.',
  ],
  'import.headers': [
    'Kolonneoverskrifterne i første linje passer ikke til importen. Hent skabelonen, og ret overskrifterne.',
    'The header row does not match the import kind.',
  ],
  'import.too_many_rows': [
    'Filen har for mange linjer. Del den op i filer med højst 20.000 linjer.',
    'The file has too many rows (at most 20,000).',
  ],
  'name.taken': ['Navnet er allerede i brug.', 'The name is already in use.'],
  'username.taken': ['Brugernavnet er allerede i brug.', 'The username is already in use.'],
  'unit.invalid': ['Enheden passer ikke til rollen.', 'The unit does not fit the role.'],
  'enrolment.overlap': [
    'Barnet er allerede indskrevet i perioden.',
    'The child is already enrolled in that period.',
  ],
  'period.invalid': ['Slutdatoen ligger før startdatoen.', 'The end date is before the start date.'],
  'screening.scale_not_found': ['Skalaen findes ikke.', 'Scale not found.'],
  'screening.scale_invalid': [
    'Skalaen kan ikke bruges: positionerne skal være 2–10, nummereret i rækkefølge, med forskellige navne, en farve hver, og mindst én position uden bekymring før positionerne med bekymring.',
    'The scale is not valid.',
  ],
  'screening.scale_required': [
    'Kommunen har flere skalaer. Vælg hvilken skala runden skal bruge.',
    'Choose a scale for the round.',
  ],
  'screening.round_not_found': ['Trivselsrunden findes ikke.', 'Screening round not found.'],
  'screening.round_overlap': [
    'Der er allerede en trivselsrunde for samme institutionstype i perioden.',
    'Another round for the same institution type overlaps this period.',
  ],
  'screening.round_not_for_group': [
    'Trivselsrunden gælder ikke for denne gruppes institutionstype.',
    'The round does not cover this group.',
  ],
  'screening.round_not_open': ['Trivselsrunden er ikke åbnet endnu.', 'The round has not opened yet.'],
  'screening.round_closed': [
    'Trivselsrunden er lukket. Kun lederen kan indtaste en sen vurdering.',
    'The round is closed; only the leader can add a late rating.',
  ],
  'screening.round_has_ratings': [
    'Runden har allerede vurderinger, så skala og institutionstyper kan ikke ændres.',
    'The round already has ratings.',
  ],
  'screening.child_not_in_group': [
    'Et eller flere børn går ikke i gruppen. Intet er gemt.',
    'A child is not in the group; nothing was saved.',
  ],
  'screening.position_unknown': [
    'En position findes ikke på rundens skala. Intet er gemt.',
    'Unknown position for the round’s scale; nothing was saved.',
  ],
  'screening.duplicate_rating': [
    'Barnet er allerede vurderet i runden. Ret den eksisterende vurdering i stedet. Intet er gemt.',
    'The child is already rated in this round; send a correction. Nothing was saved.',
  ],
  'screening.correction_invalid': [
    'Rettelsen peger ikke på den gældende vurdering af barnet. Hent listen igen. Intet er gemt.',
    'The correction does not point at the current rating; nothing was saved.',
  ],
  'screening.joint_needs_raters': [
    'En fælles position kræver, at mindst to fagpersoner har vurderet barnet.',
    'A joint position needs ratings from at least two professionals.',
  ],
  'screening.round_not_for_institution': [
    'Trivselsrunden gælder ikke for denne institutions type. Vælg en anden runde.',
    'The round does not cover this institution.',
  ],
  'guide.entry_not_found': ['Indgangen i samarbejdsguiden findes ikke.', 'Guide entry not found.'],
  'guide.version_not_found': ['Versionen findes ikke.', 'Version not found.'],
  'guide.slug_taken': ['Adressen bruges allerede af en anden indgang. Vælg en anden adresse.', 'The address (slug) is already in use.'],
  'guide.fields_invalid': ['Et eller flere felter passer ikke til indgangens type.', 'One or more fields do not fit the kind of entry.'],
  'guide.unchanged': [
    'Indholdet er det samme som den gældende version, så der er ikke gemt en ny version.',
    'Nothing changed; no new version was saved.',
  ],
  'guide.entry_archived': ['Indgangen er arkiveret. Genåbn den, før du retter den.', 'The entry is archived; unarchive it first.'],
  'guide.handleguide_not_found': ['Handleguiden findes ikke.', 'Action guide not found.'],
  'guide.handleguide_exists': [
    'Der er allerede en handleguide for denne position. Ret den i stedet.',
    'An action guide for this position exists already.',
  ],
  'guide.position_not_found': ['Positionen findes ikke på kommunens skalaer.', 'Position not found.'],
  'guide.link_invalid': [
    'En eller flere henvisninger til samarbejdsguiden findes ikke eller er arkiveret.',
    'A linked guide entry does not exist or is archived.',
  ],
  'guide.next_step_unknown': ['Et eller flere næste skridt findes ikke.', 'Unknown next step.'],
  'audit.failed': ['Adgangen kunne ikke logges, så handlingen er afvist.', 'The access could not be logged.'],
  'service.unavailable': ['Tidlig er midlertidigt utilgængelig. Prøv igen om lidt.', 'Service unavailable.'],
  internal: ['Der opstod en uventet fejl. Prøv igen.', 'Unexpected error.'],
} as const satisfies Record<string, readonly [string, string]>;

export type ErrorCode = keyof typeof MESSAGES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(code, options);
    this.name = 'AppError';
  }
}

export const notFound = (code: ErrorCode) => new AppError(code, 404);
export const forbidden = () => new AppError('access.denied', 403);
export const conflict = (code: ErrorCode, details?: unknown) => new AppError(code, 409, details);
export const invalid = (details: unknown) => new AppError('request.invalid', 400, details);

export function messageFor(code: ErrorCode, lang: 'da' | 'en' = 'da'): string {
  return MESSAGES[code][lang === 'da' ? 0 : 1];
}
