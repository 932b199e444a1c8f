// Frozen once released: never edit, add a new migration instead.
// Catalog groups: announcements, badges (and who holds them), discount coupons with the
// orders that used them, who created and last changed a category, Accredible groups as
// last pulled from the hosted LMS, and two-factor secrets.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`ALTER TABLE categories ADD COLUMN author_id INTEGER REFERENCES users(id) ON DELETE SET NULL`,
    sql`ALTER TABLE categories ADD COLUMN updated_by_id INTEGER REFERENCES users(id) ON DELETE SET NULL`,
    sql`ALTER TABLE categories ADD COLUMN updated_at TEXT`,
    sql`CREATE INDEX categories_type_created ON categories(type, created_at)`,
    // Usage counts per category (the list's count column) look courses up by category.
    sql`CREATE INDEX course_categories_category ON course_categories(category_id)`,
    sql`CREATE TABLE announcements (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      heading TEXT NOT NULL,
      content TEXT NOT NULL,
      expiry TEXT,
      sending_rules TEXT NOT NULL CHECK (sending_rules IN ('all','specific_users','specific_course_users')),
      user_ids TEXT NOT NULL DEFAULT '[]',
      course_ids TEXT NOT NULL DEFAULT '[]',
      author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX announcements_created_at ON announcements(created_at)`,
    sql`CREATE TABLE badges (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL,
      points INTEGER,
      badge_icon_url TEXT NOT NULL,
      default_icon_url TEXT,
      organization_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE TABLE user_badges (
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      badge_id INTEGER NOT NULL REFERENCES badges(id),
      awarded_at TEXT NOT NULL,
      PRIMARY KEY (user_id, badge_id)
    )`,
    sql`CREATE INDEX user_badges_badge ON user_badges(badge_id)`,
    sql`CREATE TABLE coupons (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      code TEXT NOT NULL,
      code_key TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL CHECK (type IN ('fixed_amount','percent_amount')),
      value REAL NOT NULL CHECK (value >= 0 AND (type <> 'percent_amount' OR value <= 100)),
      usage_limit INTEGER,
      expiry TEXT,
      allowed_emails TEXT,
      notes TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX coupons_created_at ON coupons(created_at)`,
    // Only what the coupon rules need: an order that used a coupon keeps it from deletion.
    sql`CREATE TABLE orders (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      coupon_id INTEGER REFERENCES coupons(id),
      total REAL NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX orders_coupon ON orders(coupon_id)`,
    sql`CREATE TABLE accredible_groups (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      pulled_at TEXT NOT NULL
    )`,
    // The secret is kept until disabled; confirmed_at set means two-factor is on.
    sql`CREATE TABLE user_two_factor (
      user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret TEXT NOT NULL,
      prepared_at TEXT NOT NULL,
      confirmed_at TEXT
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}
