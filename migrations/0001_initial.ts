// Frozen once released: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    sql`CREATE TABLE users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL,
      email_key TEXT NOT NULL UNIQUE,
      password_hash TEXT,
      user_type TEXT NOT NULL DEFAULT 'general'
        CHECK (user_type IN ('admin','owner','staff','group_admin','general')),
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
      custom_user_metas TEXT NOT NULL DEFAULT '[]',
      last_login_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX users_created_at ON users(created_at)`,
    // Single-column sort indexes: the rowid each entry ends with serves the id tie-breaker.
    sql`CREATE INDEX users_first_name ON users(first_name)`,
    sql`CREATE INDEX users_last_name ON users(last_name)`,
    sql`CREATE INDEX users_last_login ON users(last_login_at)`,
    sql`CREATE TABLE categories (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('course','module','product','question','user')),
      created_at TEXT NOT NULL,
      UNIQUE (type, name)
    )`,
    sql`CREATE TABLE courses (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      slug TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('draft','publish')),
      course_type TEXT NOT NULL DEFAULT 'self_paced' CHECK (course_type IN ('self_paced','instructor_led')),
      instructions TEXT,
      featured_image_url TEXT,
      completion_redirection_url TEXT,
      credits INTEGER,
      min_passing_percentage REAL,
      grading_rule TEXT NOT NULL,
      duration_rule TEXT NOT NULL,
      duration_specific_date TEXT,
      duration_days INTEGER,
      certificate_templates TEXT NOT NULL DEFAULT '[]',
      certificate_expires_after INTEGER,
      certificate_expires_after_grace_period INTEGER,
      author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX courses_created_at ON courses(created_at)`,
    sql`CREATE TABLE course_categories (
      course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
      PRIMARY KEY (course_id, category_id)
    )`,
    // The module library: modules exist on their own and courses use them by id, as in
    // the hosted API (an assignment is created once, then placed in courses).
    sql`CREATE TABLE modules (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      slug TEXT NOT NULL,
      type TEXT NOT NULL,
      icon TEXT NOT NULL DEFAULT '',
      content TEXT,
      total_points REAL,
      submission_type TEXT CHECK (submission_type IS NULL OR submission_type IN ('text','file')),
      allowed_filetypes TEXT NOT NULL DEFAULT '[]',
      should_be_evaluated INTEGER NOT NULL DEFAULT 0,
      min_comments INTEGER,
      author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (type, slug)
    )`,
    sql`CREATE TABLE course_modules (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      module_id INTEGER NOT NULL REFERENCES modules(id),
      position INTEGER NOT NULL,
      is_locked INTEGER NOT NULL DEFAULT 0,
      drip_rules TEXT NOT NULL DEFAULT 'immediately',
      drip_fixed_date TEXT,
      drip_interval INTEGER,
      drip_interval_unit TEXT NOT NULL DEFAULT 'day',
      drip_calculation_reference TEXT NOT NULL DEFAULT 'registration_date',
      min_spent_hour INTEGER NOT NULL DEFAULT 0,
      min_spent_minutes INTEGER NOT NULL DEFAULT 0,
      is_grade_module INTEGER NOT NULL DEFAULT 0,
      UNIQUE (course_id, module_id)
    )`,
    sql`CREATE INDEX course_modules_course ON course_modules(course_id, position)`,
    sql`CREATE INDEX course_modules_module ON course_modules(module_id)`,
    sql`CREATE TABLE enrollments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      course_id INTEGER NOT NULL REFERENCES courses(id),
      user_id INTEGER NOT NULL REFERENCES users(id),
      group_id INTEGER,
      status TEXT NOT NULL DEFAULT 'Not Started' CHECK (status IN ('Not Started','In Progress','Completed')),
      percent_complete REAL NOT NULL DEFAULT 0,
      access_status TEXT NOT NULL DEFAULT 'Allowed' CHECK (access_status IN ('Allowed','Revoked')),
      registered_at TEXT NOT NULL,
      started_at TEXT,
      completed_at TEXT,
      expire_at TEXT,
      last_accessed_at TEXT,
      UNIQUE (course_id, user_id)
    )`,
    sql`CREATE INDEX enrollments_user ON enrollments(user_id)`,
    sql`CREATE TABLE course_activities (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      student_name TEXT NOT NULL,
      verb TEXT NOT NULL,
      message TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX course_activities_course ON course_activities(course_id, created_at)`,
    sql`CREATE TABLE audit_activities (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      performed_by_id INTEGER,
      performed_by TEXT NOT NULL,
      effect_on TEXT NOT NULL,
      subject TEXT NOT NULL,
      subject_id INTEGER,
      action TEXT NOT NULL CHECK (action IN ('Login','Created','Updated','Deleted')),
      details TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX audit_activities_created ON audit_activities(created_at)`,
    // The durable queue sync drains. Written in the same transaction as the domain rows.
    sql`CREATE TABLE change_records (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      operation TEXT NOT NULL,
      entity TEXT NOT NULL,
      local_id INTEGER,
      input TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','done','parked','discarded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX change_records_state ON change_records(state, id)`,
    sql`CREATE INDEX change_records_entity ON change_records(entity, local_id)`,
  ]
  for (const statement of statements) await statement.execute(db)
}
