// Listed statically: bundles cannot scan a folder. Names sort in the order they run.
import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_grading'
import * as m0003 from './0003_grading_queue'
import * as m0004 from './0004_sync'
import * as m0005 from './0005_classes'
import * as m0006 from './0006_certificates'
import * as m0007 from './0007_imports'
import * as m0008 from './0008_catalog'
import * as m0009 from './0009_user_course_admin'
import * as m0010 from './0010_search_index'
import * as m0011 from './0011_users_trigrams'
import * as m0012 from './0012_audit_days'
import * as m0013 from './0013_audit_subjects'
import * as m0014 from './0014_name_sort_keys'

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_grading': m0002,
  '0003_grading_queue': m0003,
  '0004_sync': m0004,
  '0005_classes': m0005,
  '0006_certificates': m0006,
  '0007_imports': m0007,
  '0008_catalog': m0008,
  '0009_user_course_admin': m0009,
  '0010_search_index': m0010,
  '0011_users_trigrams': m0011,
  '0012_audit_days': m0012,
  '0013_audit_subjects': m0013,
  '0014_name_sort_keys': m0014,
}
