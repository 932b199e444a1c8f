// The demo world's catalogue: course categories, the module library (ids 1-13 are the ones
// the reference's examples name) and the courses they are placed in, each with its audit entry.
import type { Sql } from '../db/sql'

const CATEGORIES = [
  { id: 1, name: 'Compliance', type: 'course' },
  { id: 2, name: 'Health & Safety', type: 'course' },
  { id: 3, name: 'Soft Skills', type: 'course' },
  { id: 4, name: 'Onboarding', type: 'course' },
]

/** A course's id is its position + 1: enrollments read its name by id. */
export const DEMO_COURSES = [
  { id: 1, name: 'course 1', slug: 'course-1', status: 'publish', type: 'self_paced', grading: 'no_grading', created: '2020-08-03T09:08:00.000Z', author: 1, categories: [], certificates: [1], expires: null },
  { id: 2, name: 'Workplace Safety Essentials', slug: 'workplace-safety-essentials', status: 'publish', type: 'self_paced', grading: 'avg_all_modules', created: '2021-03-01T09:00:00.000Z', author: 5, categories: [1, 2], certificates: [1], expires: 12 },
  { id: 3, name: 'First Aid at Work', slug: 'first-aid-at-work', status: 'publish', type: 'instructor_led', grading: 'avg_specific_modules', created: '2021-06-14T09:00:00.000Z', author: 6, categories: [2], certificates: [1], expires: 36 },
  { id: 4, name: 'Customer Service Excellence', slug: 'customer-service-excellence', status: 'draft', type: 'self_paced', grading: 'no_grading', created: '2022-02-02T09:00:00.000Z', author: 5, categories: [3], certificates: [], expires: null },
  { id: 5, name: 'Data Protection Basics', slug: 'data-protection-basics', status: 'publish', type: 'self_paced', grading: 'avg_all_modules', created: '2022-09-19T09:00:00.000Z', author: 1, categories: [1, 4], certificates: [1], expires: 24 },
  { id: 6, name: 'Induction Basics', slug: 'induction-basics', status: 'publish', type: 'self_paced', grading: 'no_grading', created: '2023-01-07T07:49:00.000Z', author: 1, categories: [4], certificates: [], expires: null },
]

const ICONS: Record<string, string> = { text: 'el-icon-tickets', video: 'el-icon-video-play', assignment: 'el-icon-edit-outline', quiz: 'el-icon-discover', discussion: 'el-icon-chat-line-round', class: 'el-icon-date' }
// The module library. Ids 1-13 are the ones the reference's examples name.
interface SeedModule { id: number; name: string; type: string; content?: string; points?: number; submission?: 'text' | 'file'; filetypes?: string[]; evaluated?: boolean; minComments?: number }

const LIBRARY: SeedModule[] = [
  { id: 1, name: 'test', type: 'text', content: 'Welcome to the course.' },
  { id: 2, name: 'assignment 1', type: 'assignment', content: 'Hola', points: 100, submission: 'text' },
  { id: 4, name: 'assign', type: 'assignment', content: 'Desc', points: 50, submission: 'file', filetypes: ['pdf', 'image'] },
  { id: 7, name: 'First-quiz', type: 'quiz' },
  { id: 9, name: 'My-video-lesson', type: 'video' },
  { id: 10, name: 'Essay on LMS', type: 'assignment', content: 'A brief description', points: 25, submission: 'text' },
  { id: 13, name: 'First-discussion', type: 'discussion', content: 'A brief description', points: 20, evaluated: true, minComments: 3 },
  { id: 14, name: 'Hazards around you', type: 'text', content: 'Spot the hazards in your workplace.' },
  { id: 15, name: 'Manual handling', type: 'video' },
  { id: 16, name: 'Risk assessment task', type: 'assignment', content: 'Write a risk assessment for one task you do every week.', points: 40, submission: 'text' },
  { id: 17, name: 'Safety quiz', type: 'quiz' },
  { id: 18, name: 'Share a near miss', type: 'discussion', content: 'Describe a near miss and what changed after it.', points: 10, evaluated: true, minComments: 2 },
  { id: 19, name: 'Before the class', type: 'text', content: 'What to bring to the practical session.' },
  { id: 20, name: 'CPR practical', type: 'class' },
  { id: 21, name: 'Scenario write-up', type: 'assignment', content: 'Describe how you would respond to the scenario shown in class.', points: 30, submission: 'file', filetypes: ['pdf', 'image', 'text'] },
  { id: 22, name: 'Final check', type: 'quiz' },
  { id: 23, name: 'Listening well', type: 'video' },
  { id: 24, name: 'Difficult conversations', type: 'discussion', content: 'How do you calm an upset customer?', points: 0, evaluated: false },
  { id: 25, name: 'What is personal data', type: 'text', content: 'Personal data is any information about an identifiable person.' },
  { id: 26, name: 'Breach report exercise', type: 'assignment', content: 'Report the breach described in the brief.', points: 20, submission: 'text' },
  { id: 27, name: 'GDPR quiz', type: 'quiz' },
]

const PLACEMENTS: Record<number, number[]> = { 1: [1, 2, 4, 7, 9, 10, 13], 6: [1, 9], 2: [14, 15, 16, 17, 18], 3: [19, 20, 21, 22], 4: [23, 24], 5: [25, 26, 2, 27] }
const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

/** The categories, the module library and the courses with their placed modules; `authorName` names a course's author in its audit entry. */
export function seedCourses(sql: Sql, authorName: (userId: number) => string | undefined): void {
  for (const c of CATEGORIES) sql.run(sql.qb.insertInto('categories').values({ ...c, created_at: '2020-08-01T08:00:00.000Z' }))
  seedLibrary(sql)
  const typeOf = new Map(LIBRARY.map((m) => [m.id, m.type]))
  for (const c of DEMO_COURSES) {
    sql.run(
      sql.qb.insertInto('courses').values({
        id: c.id,
        name: c.name,
        slug: c.slug,
        status: c.status,
        course_type: c.type,
        instructions: c.id === 1 ? null : `Work through the modules of ${c.name} in order.`,
        featured_image_url: null,
        completion_redirection_url: null,
        credits: c.id === 1 ? null : 10 * c.id,
        min_passing_percentage: c.id === 1 ? null : 70,
        grading_rule: c.grading,
        duration_rule: 'unlimited',
        duration_specific_date: null,
        duration_days: null,
        certificate_templates: JSON.stringify(c.certificates),
        certificate_expires_after: c.expires,
        certificate_expires_after_grace_period: c.expires ? 30 : null,
        author_id: c.author,
        created_at: c.created,
        updated_at: c.created,
      }),
    )
    for (const categoryId of c.categories) sql.run(sql.qb.insertInto('course_categories').values({ course_id: c.id, category_id: categoryId }))
    PLACEMENTS[c.id].forEach((moduleId, position) => {
      const type = typeOf.get(moduleId) ?? 'text'
      sql.run(
        sql.qb.insertInto('course_modules').values({
          course_id: c.id,
          module_id: moduleId,
          position,
          is_locked: 0,
          drip_rules: 'immediately',
          drip_fixed_date: null,
          drip_interval: null,
          drip_interval_unit: 'day',
          drip_calculation_reference: 'registration_date',
          min_spent_hour: 0,
          min_spent_minutes: 0,
          is_grade_module: c.grading === 'avg_specific_modules' && (type === 'assignment' || type === 'quiz') ? 1 : 0,
        }),
      )
    })
    sql.run(
      sql.qb.insertInto('audit_activities').values({
        performed_by_id: c.author,
        performed_by: authorName(c.author) ?? 'Aom Staff',
        effect_on: 'Course',
        subject: 'Course',
        subject_id: c.id,
        action: 'Created',
        details: '[]',
        created_at: c.created,
      }),
    )
  }
}

function seedLibrary(sql: Sql): void {
  for (const m of LIBRARY) {
    sql.run(
      sql.qb.insertInto('modules').values({
        id: m.id,
        name: m.name,
        slug: slugOf(m.name),
        type: m.type,
        icon: `<i class="${ICONS[m.type] ?? 'el-icon-tickets'}"></i>`,
        content: m.content ?? null,
        total_points: m.points ?? null,
        submission_type: m.submission ?? null,
        allowed_filetypes: JSON.stringify(m.filetypes ?? []),
        should_be_evaluated: m.evaluated ? 1 : 0,
        min_comments: m.minComments ?? null,
        author_id: 1,
        created_at: '2020-08-09T07:25:00.000Z',
        updated_at: '2020-08-09T07:25:00.000Z',
      }),
    )
  }
}
