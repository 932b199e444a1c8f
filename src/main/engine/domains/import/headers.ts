// Header spellings of the files trainers bring: the directories and LMSs they export from
// (Google Workspace, Microsoft 365 / Entra ID, Moodle, Canvas), spreadsheets typed by hand,
// and other languages' common words. Headers are compared folded: without case, accents,
// spaces or punctuation ("E-Mail-Adresse" = "emailadresse", "Prénom" = "prenom"), and
// without suffixes such as "[Required]", "(required)" or "*"; a bracketed internal name
// ("User name [userPrincipalName] Required") is tried too.
import type { ImportField } from '../../../../shared/operations/import'

/** 1: the field's own name; 2: a near synonym (a qualified email, a "Student" column), lost to a rank-1 column of the same field. */
export type HeaderRank = 1 | 2

export interface HeaderMatch {
  field: ImportField
  rank: HeaderRank
  /**
   * A bare word for "name" means the other half of a name beside a column of one half
   * (German "Vorname; Name", French "Prénom; Nom", Spanish "Nombre; Apellido"), and the
   * whole name alone.
   */
  beside?: { other: 'first_name' | 'last_name'; becomes: 'first_name' | 'last_name' }
}

export const foldHeader = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, '')

const words = (field: ImportField, rank: HeaderRank, list: string): [string, HeaderMatch][] =>
  list.split(/\s+/).filter(Boolean).map((w) => [w, { field, rank }])

const ALIASES = new Map<string, HeaderMatch>([
  ...words(
    'email',
    1,
    `email emails emailaddress emailaddresses mail mailaddress useremail emailid eaddress
     emailadresse mailadresse emailadres epost epostadress epostadresse sahkoposti
     correo correoelectronico direcciondecorreo direcciondecorreoelectronico
     courriel adressecourriel adresseemail adressemail adresseelectronique
     indirizzoemail postaelettronica enderecodeemail enderecoemail adresemail`,
  ),
  ...words('email', 2, 'primaryemail workemail businessemail studentemail learneremail employeeemail contactemail'),
  ...words(
    'username',
    1,
    `username login loginid loginname userprincipalname upn signinname accountname sisloginid
     benutzername anmeldename nomdutilisateur identifiant nombredeusuario usuario
     gebruikersnaam anvandarnamn brukernavn nomeutente`,
  ),
  ...words(
    'first_name',
    1,
    `firstname first givenname forename forenames fname
     vorname vornamen prenom prenoms voornaam fornamn fornavn etunimi imie primeironome`,
  ),
  ...words(
    'last_name',
    1,
    `lastname last surname surnames familyname lname
     nachname familienname nomdefamille apellido apellidos cognome achternaam efternamn efternavn etternavn
     sukunimi nazwisko sobrenome apelido apelidos`,
  ),
  ...words(
    'full_name',
    1,
    `fullname displayname completename nomcomplet vollstandigername nombrecompleto nomecompleto volledigenaam fullstendignavn`,
  ),
  ...words('full_name', 2, 'studentname learnername employeename participantname student learner participant'),
  ...words(
    'password',
    1,
    `password pwd initialpassword temporarypassword newpassword passwort kennwort motdepasse contrasena clave
     wachtwoord senha losenord passord haslo`,
  ),
  ...words(
    'courses',
    1,
    `courses course courseids courseid selectedcourses coursename coursenames courseslug courseslugs courseshortname
     kurs kurse kursname cours curso cursos corso corsi cursus`,
  ),
  ...words('classes', 1, 'classes class classids classid session sessions classsessions'),
])
for (const bare of ['name', 'names', 'naam', 'namn', 'navn', 'nimi', 'nom']) {
  ALIASES.set(bare, { field: 'full_name', rank: 1, beside: { other: 'first_name', becomes: 'last_name' } })
}
for (const bare of ['nombre', 'nombres', 'nome']) ALIASES.set(bare, { field: 'full_name', rank: 1, beside: { other: 'last_name', becomes: 'first_name' } })

/** "course1", "course2" (Moodle's upload format), "class1". */
const NUMBERED = /^(course|class)\d{1,3}$/
/** Suffixes exports add to say a column must or may be filled. */
const REQUIRED_WORD = /\b(required|optional|mandatory|obligatoire|pflicht|obligatorio)\b|\*+/gi

/** The ways a header may name its field, most literal first. */
function candidates(header: string): string[] {
  const out = [header]
  // Entra ID's templates name the directory attribute in square brackets: "First name [givenName]".
  for (const m of header.matchAll(/\[([^\]]*)\]/g)) out.push(m[1])
  out.push(header.replace(/\[[^\]]*\]|\([^)]*\)/g, ' ').replace(REQUIRED_WORD, ' '))
  out.push(header.replace(REQUIRED_WORD, ' '))
  return out
}

export function matchHeader(header: string): HeaderMatch | null {
  for (const candidate of candidates(header)) {
    const key = foldHeader(candidate)
    if (!key) continue
    const hit = ALIASES.get(key)
    if (hit) return hit
    const numbered = NUMBERED.exec(key)
    if (numbered) return { field: numbered[1] === 'course' ? 'courses' : 'classes', rank: 1 }
  }
  return null
}

/** Headers of other email addresses: never taken as the user's own. */
const OTHER_EMAIL = /recovery|secondary|alternat|manager|parent|guardian|backup|other|new|personal|private|cc|forward|proxy|authentication|notif/

/**
 * For a file whose headers name no email column: the one header that says "email" with
 * other words ("E-mail (work)", "Email of learner"), unless it names someone else's or a
 * second address.
 */
export function guessEmailHeader(headers: readonly string[]): number | null {
  const hits = headers
    .map((h, index) => ({ index, key: foldHeader(h), raw: h }))
    // A header holding a delimiter is a file read with the wrong one: no guess then.
    .filter(({ key, raw }) => /e?mail|courriel|correo/.test(key) && !OTHER_EMAIL.test(key) && !/[\t;,|]/.test(raw) && key.length <= 30)
  return hits.length === 1 ? hits[0].index : null
}
