// Issue 14, finding 3: files exported from the directories and LMSs trainers use import
// without hand-editing. Each fixture in test/fixtures/import is a tool's own export; the
// dry run must map its columns and read every row as the person it describes, and the
// commit must store exactly that. Real engine, real SQLite file, demo world.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpInput } from '../../src/shared/operations/index'
import { openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { importCalls } from './import-helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import')
const fixture = (name: string) => path.join(FIXTURES, name)
const dryFile = (name: string, extra: Omit<OpInput<'import.dryRun'>, 'path' | 'contentBase64'> = {}) => t.async.call('import.dryRun', { path: fixture(name), ...extra })
const { dry: dryText, dryFails: dryTextFails } = importCalls(() => t.async)

/** header -> field, for the columns that are imported. */
const mapped = (r: any) => Object.fromEntries(r.columns.filter((c: any) => c.field !== 'ignore').map((c: any) => [c.header, c.field]))
const people = (r: any) => r.preview.map((p: any) => [p.email, p.first_name, p.last_name])
const stored = (email: string) => rows(t.engine, 'SELECT first_name, last_name FROM users WHERE email = ?', email)[0]

describe('exports of directories and LMSs', () => {
  it('Google Workspace: bracketed suffixes, secondary emails left alone, masked passwords not taken', async () => {
    const r = await dryFile('google-workspace.csv')
    expect(mapped(r)).toEqual({
      'First Name [Required]': 'first_name',
      'Last Name [Required]': 'last_name',
      'Email Address [Required]': 'email',
      'Password [Required]': 'password',
    })
    expect(r.errors).toEqual([])
    expect(people(r)).toEqual([
      ['ann.lee@gws.example.org', 'Ann', 'Lee'],
      ['bruno.diaz@gws.example.org', 'Bruno', 'Díaz'],
    ])
    // "****" is how the export hides passwords: the users get generated ones.
    expect(r.preview.map((p: any) => p.password)).toEqual(['generated', 'generated'])
  })

  it('Microsoft 365 admin center: the user principal name is the email', async () => {
    const r = await dryFile('microsoft-365-admin.csv')
    expect(mapped(r)).toEqual({ 'Display name': 'full_name', 'First name': 'first_name', 'Last name': 'last_name', 'User principal name': 'username' })
    expect(r.errors).toEqual([])
    expect(people(r)).toEqual([
      ['carla.mendes@m365.example.org', 'Carla', 'Mendes'],
      ['dev.patel@m365.example.org', 'Dev', 'Patel'],
    ])
  })

  it('Entra ID (Azure AD) download: mail first, the user principal name where mail is empty', async () => {
    const r = await dryFile('azure-ad-users.csv')
    expect(mapped(r)).toEqual({ userPrincipalName: 'username', displayName: 'full_name', surname: 'last_name', mail: 'email', givenName: 'first_name' })
    expect(r.errors).toEqual([])
    expect(people(r)).toEqual([
      ['erin.walsh@entra.example.org', 'Erin', 'Walsh'],
      ['frank.osei@partner.example.com', 'Frank', 'Osei'],
    ])
  })

  it("Entra ID bulk-create template: its version line and 'Name [internal] Required' headers", async () => {
    const r = await dryFile('azure-ad-bulk-create.csv')
    expect(mapped(r)).toEqual({
      'Name [displayName] Required': 'full_name',
      'User name [userPrincipalName] Required': 'username',
      'Initial password [passwordProfile] Required': 'password',
      'First name [givenName]': 'first_name',
      'Last name [surname]': 'last_name',
    })
    expect(r.errors).toEqual([])
    expect(r.preview[0]).toMatchObject({ row: 3, email: 'gita.rao@entra.example.org', first_name: 'Gita', last_name: 'Rao', password: 'given' })
  })

  it('Moodle download: username, email, firstname, lastname', async () => {
    const r = await dryFile('moodle-users-download.csv')
    expect(mapped(r)).toEqual({ username: 'username', email: 'email', firstname: 'first_name', lastname: 'last_name' })
    expect(people(r)).toEqual([
      ['hana.wong@moodle.example.org', 'Hana', 'Wong'],
      ['ike.obi@moodle.example.org', 'Ike', 'Obi'],
    ])
  })

  it('Moodle upload format: course1, course2 hold course short names, and the users are enrolled', async () => {
    const r = await dryFile('moodle-upload-users.csv')
    expect(mapped(r)).toMatchObject({ course1: 'courses', course2: 'courses', email: 'email' })
    expect(r.errors).toEqual([])
    expect(r.preview.map((p: any) => p.courses.map((c: any) => c.name))).toEqual([['First Aid at Work', 'Data Protection Basics'], ['Workplace Safety Essentials']])
    const done = await t.async.call('import.commit', { path: fixture('moodle-upload-users.csv') })
    expect(done).toMatchObject({ created: 2, failed: 0 })
    const enrolled = rows(t.engine, "SELECT course_id FROM enrollments WHERE user_id = (SELECT id FROM users WHERE email = 'jae.kim@moodle.example.org') ORDER BY course_id")
    expect(enrolled.map((e) => e.course_id)).toEqual([3, 5])
  })

  it('Canvas provisioning users.csv: a row with only full_name and login_id is split and addressed by its login', async () => {
    const r = await dryFile('canvas-provisioning-users.csv')
    expect(mapped(r)).toEqual({ login_id: 'username', first_name: 'first_name', last_name: 'last_name', full_name: 'full_name', email: 'email' })
    expect(r.errors).toEqual([])
    expect(people(r)).toEqual([
      ['mara.lind@canvas.example.org', 'Mara', 'Lind'],
      ['noor.haddad@canvas.example.org', 'Noor', 'Haddad'],
    ])
  })

  it('German, French and Spanish exports: Vorname/Name, Prénom/Nom/Courriel, Nombre/Apellido(s)/Correo electrónico', async () => {
    const de = await dryFile('german-hr-excel.csv')
    expect(de).toMatchObject({ encoding: 'windows-1252', delimiter: ';', errors: [] })
    expect(mapped(de)).toEqual({ Vorname: 'first_name', Name: 'last_name', 'E-Mail-Adresse': 'email' })
    expect(people(de)).toEqual([
      ['juergen.gross@hr.example.de', 'Jürgen', 'Groß'],
      ['oezlem.schaefer@hr.example.de', 'Özlem', 'Schäfer'],
    ])
    const fr = await dryFile('french-rh.csv')
    expect(mapped(fr)).toEqual({ Prénom: 'first_name', Nom: 'last_name', Courriel: 'email' })
    expect(people(fr)[1]).toEqual(['theo.lefevre@rh.example.fr', 'Théo', 'Lefèvre'])
    const es = await dryFile('spanish-rrhh.csv')
    expect(mapped(es)).toEqual({ Nombre: 'first_name', 'Apellido(s)': 'last_name', 'Correo electrónico': 'email' })
    expect(people(es)[0]).toEqual(['mariajose.garcia@rrhh.example.es', 'María José', 'García López'])
  })

  it('more spellings of the same fields', async () => {
    const cases: [string, string][] = [
      ['E-mail address', 'email'],
      ['Email Address', 'email'],
      ['mail', 'email'],
      ['EMAIL *', 'email'],
      ['Given name', 'first_name'],
      ['First Name (required)', 'first_name'],
      ['Surname', 'last_name'],
      ['Family name', 'last_name'],
      ['Nachname', 'last_name'],
      ['Apellidos', 'last_name'],
      ['Username', 'username'],
      ['User name', 'username'],
      ['Full name', 'full_name'],
      ['Display Name', 'full_name'],
      ['Mot de passe', 'password'],
      ['Course names', 'courses'],
      ['Kurse', 'courses'],
    ]
    for (const [header, field] of cases) {
      const csv = field === 'email' ? `"${header}",first_name\nx@example.org,Y\n` : `email,"${header}"\nx@example.org,Y\n`
      const r = await dryText(csv)
      expect([header, r.columns.find((c: any) => c.header === header)?.field]).toEqual([header, field])
    }
  })
})

describe('choosing between columns', () => {
  it("the field's own name wins over a synonym, which is ignored with a note; a lone header saying email is taken with a note", async () => {
    const both = await dryText('Work email,Email,First name\nwork@example.org,home@example.org,Ann\n')
    expect(both.columns[0]).toMatchObject({ field: 'ignore', note: 'Not imported: "Email" holds the email.' })
    expect(both.preview[0].email).toBe('home@example.org')
    const guessed = await dryText('E-mail of the learner,First name\nann@example.org,Ann\n')
    expect(guessed.columns[0]).toMatchObject({ field: 'email', note: expect.stringMatching(/Taken as the email from its header/) })
    expect(guessed.errors).toEqual([])
    // Someone else's address is never taken as the user's own.
    expect((await dryTextFails('Manager email,First name\nboss@example.org,Ann\n')).message).toMatch(/no email column/)
  })
})

describe('a full-name column and a user-name column of emails', () => {
  it('splits full names into first and last name, lists the uncertain ones, and takes corrections', async () => {
    const r = await dryFile('full-name-username.csv')
    expect(mapped(r)).toEqual({ 'Full name': 'full_name', 'User name': 'username' })
    expect(r.errors).toEqual([])
    expect(people(r)).toEqual([
      ['ann.example@names.example.org', 'Ann', 'Example'],
      ['ludwig@names.example.org', 'Ludwig', 'van Beethoven'],
      ['grace.lee@names.example.org', 'Grace', 'Lee'],
      ['cher@names.example.org', 'Cher', ''],
      ['mary.ann@names.example.org', 'Mary Ann', 'Smith'],
    ])
    expect(r.preview[0]).toMatchObject({ full_name: 'Ann Example', name_from: 'full_name' })
    // Names that are not plainly "First Last" or "Last, First" are listed to check.
    expect(r.nameChecks.map((n: any) => [n.row, n.full_name])).toEqual([
      [3, 'Ludwig van Beethoven'],
      [5, 'Cher'],
      [6, 'Mary Ann Smith'],
    ])

    const names = [{ row: 6, first_name: 'Mary', last_name: 'Ann Smith' }]
    const fixed = await dryFile('full-name-username.csv', { names })
    expect(fixed.preview[4]).toMatchObject({ first_name: 'Mary', last_name: 'Ann Smith', name_from: 'corrected' })
    expect(fixed.nameChecks.find((n: any) => n.row === 6)).toMatchObject({ first_name: 'Mary', last_name: 'Ann Smith', corrected: true })
    const done = await t.async.call('import.commit', { path: fixture('full-name-username.csv'), names })
    expect(done).toMatchObject({ created: 5, failed: 0 })
    expect(stored('mary.ann@names.example.org')).toEqual({ first_name: 'Mary', last_name: 'Ann Smith' })
    expect(stored('ludwig@names.example.org')).toEqual({ first_name: 'Ludwig', last_name: 'van Beethoven' })
  })

  it('family-name-first files are split the other way when asked', async () => {
    const r = await dryText('Name,Email\nKovács Anna,anna.kovacs@example.org\n', { fullNameOrder: 'last_first' })
    expect(people(r)).toEqual([['anna.kovacs@example.org', 'Anna', 'Kovács']])
  })

  it('user names that are not emails are row errors; a file of only such user names has no email column', async () => {
    const mixed = await dryText('username,first_name\nok@example.org,Ok\njdoe,John\n')
    expect(mixed.errors).toEqual([
      { row: 3, column: 'username', value: 'jdoe', message: 'The user name "jdoe" is not an email address, and users sign in with their email. Add an email column, or fix this cell.',
        reason: { key: 'reason.import.username_not_email', values: { value: 'jdoe' } },
      },
    ])
    const none = await dryTextFails('username,first_name\njdoe,John\nasmith,Ann\n')
    expect(none.message).toMatch(/no email column.*"username" holds user names, not emails/)
  })
})
