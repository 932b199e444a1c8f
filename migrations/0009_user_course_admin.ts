// Frozen once released: never edit, add a new migration instead.
// Custom user fields, addresses (one default per user), membership plans, subscriptions
// as the hosted LMS reports them, and auto-enroll courses. (Orders and badges earned are
// 0008_catalog's tables.)
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE custom_user_fields (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      type TEXT NOT NULL CHECK (type IN ('text','textarea','date','radio','checkbox','dropdown')),
      label TEXT NOT NULL,
      user_meta_key TEXT NOT NULL UNIQUE,
      default_value TEXT,
      is_required INTEGER NOT NULL DEFAULT 0 CHECK (is_required IN (0,1)),
      option_label TEXT NOT NULL DEFAULT '[]',
      on_registration_page INTEGER NOT NULL DEFAULT 0 CHECK (on_registration_page IN (0,1)),
      on_certificate INTEGER NOT NULL DEFAULT 0 CHECK (on_certificate IN (0,1)),
      report_exports TEXT NOT NULL DEFAULT '[]',
      display_order INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE TABLE user_addresses (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      address_type TEXT,
      is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
      full_name TEXT NOT NULL,
      address_line1 TEXT NOT NULL,
      address_line2 TEXT,
      zipcode TEXT NOT NULL,
      city TEXT NOT NULL,
      state TEXT,
      country TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX user_addresses_user ON user_addresses(user_id)`,
    // The rule "one default address per user" held by the database as well as the handlers.
    sql`CREATE UNIQUE INDEX user_addresses_one_default ON user_addresses(user_id) WHERE is_default = 1`,
    sql`CREATE TABLE user_memberships (
      user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      plan_id INTEGER NOT NULL,
      name TEXT NOT NULL,
      expired_at TEXT,
      updated_at TEXT NOT NULL
    )`,
    // Subscriptions are bought on the hosted site's store; they arrive by sync and are read here.
    sql`CREATE TABLE user_subscriptions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      item TEXT NOT NULL,
      total TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX user_subscriptions_user ON user_subscriptions(user_id, created_at)`,
    sql`CREATE TABLE auto_enroll_courses (
      course_id INTEGER PRIMARY KEY REFERENCES courses(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}
