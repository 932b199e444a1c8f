// Custom user fields (Users group): the extra questions asked on the registration page
// and the profile, which reports may add as export columns.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id } from '../contract/list-params'
import { oneOf, requiredString } from '../contract/fields'

export const FIELD_TYPES = ['text', 'textarea', 'date', 'radio', 'checkbox', 'dropdown'] as const
export const FIELD_TYPE_LABELS: Record<(typeof FIELD_TYPES)[number], string> = {
  text: 'Text',
  textarea: 'Text Area',
  date: 'Date',
  radio: 'Single Select',
  checkbox: 'Multiple Select',
  dropdown: 'Drop Down',
}
/** Field types whose answers are chosen from optionLabel. */
export const CHOICE_FIELD_TYPES: readonly string[] = ['radio', 'checkbox', 'dropdown']
export const FIELD_REPORTS = ['export-users', 'course-insight', 'export-orders'] as const
export const FIELD_REPORT_LABELS: Record<(typeof FIELD_REPORTS)[number], string> = {
  'export-users': 'Export Users',
  'course-insight': 'Course Insight',
  'export-orders': 'Export Orders',
}

export interface CustomUserField {
  id: number
  type: string
  displayType: string
  label: string
  defaultValue: string | null
  isRequired: boolean
  userMetaKey: string
  optionLabel: string[]
  isFieldOnRegistrationPage: boolean
  isFieldOnCertificate: boolean
  includeInReportExports: string[]
  display_order: number
}

const fieldInput = z.object({
  // Present for fields that exist already; absent for new ones (the documented example sends none).
  id: id.optional(),
  type: oneOf('type', FIELD_TYPES),
  label: requiredString('label'),
  defaultValue: z.string().max(1000).nullish(),
  isRequired: boolish.optional(),
  optionLabel: z.array(z.string().trim().min(1, { error: 'An option label may not be empty.' }).max(255)).max(200).optional(),
  isFieldOnRegistrationPage: boolish.optional(),
  isFieldOnCertificate: boolish.optional(),
  includeInReportExports: z.array(oneOf('report', FIELD_REPORTS)).max(FIELD_REPORTS.length).optional(),
})
export type CustomUserFieldInput = z.output<typeof fieldInput>

const fieldList = returns<{ fields: CustomUserField[] }>()

export const usersCustomRegistrationFields = defineOperation({
  name: 'users.customRegistrationFields',
  summary: 'Custom user fields shown on the registration page',
  kind: 'read',
  method: 'GET',
  route: 'api/users/customRegistrationFields',
  input: z.object({}),
  output: fieldList,
})

export const usersCustomUserFields = defineOperation({
  name: 'users.customUserFields',
  summary: 'All custom user fields',
  kind: 'read',
  method: 'GET',
  route: 'api/users/customUserFields',
  input: z.object({}),
  output: fieldList,
})

export const usersCustomUserFieldsUpdate = defineOperation({
  name: 'users.customUserFieldsUpdate',
  summary: 'Replace the custom user fields (fields left out are deleted when nothing uses them)',
  kind: 'write',
  method: 'PUT',
  route: 'api/users/customUserFields',
  input: z.object({ fields: z.array(fieldInput).max(100) }),
  output: returns<{ message: string }>(),
  sync: { entity: 'custom_user_field', refs: {} },
})

type Option = { db_value: string; display_value: string }

export const usersFieldTypeLookup = defineOperation({
  name: 'users.fieldTypeLookup',
  summary: 'Custom user field types',
  kind: 'read',
  method: 'GET',
  route: 'api/users/fieldtype/lookup',
  input: z.object({}),
  output: returns<Option[]>(),
})

export const usersCustomFieldReportsLookup = defineOperation({
  name: 'users.customFieldReportsLookup',
  summary: 'Reports that can export custom user fields',
  kind: 'read',
  method: 'GET',
  route: 'api/users/customUserFieldsReports/lookup',
  input: z.object({}),
  output: returns<Option[]>(),
})

/** `fieldToDelete` is documented as a JSON string of the field; an object is taken too. */
const fieldToDelete = z
  .union([z.string().max(20_000), z.record(z.string(), z.unknown())])
  .transform((value, ctx) => {
    let parsed: unknown = value
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value)
      } catch {
        ctx.addIssue({ code: 'custom', message: 'The field to delete must be a valid JSON string.' })
        return z.NEVER
      }
    }
    const shape = z.object({ id: id.optional(), userMetaKey: z.string().max(255).optional(), label: z.string().max(255).optional() }).safeParse(parsed)
    if (!shape.success || (shape.data.id === undefined && !shape.data.userMetaKey && !shape.data.label)) {
      ctx.addIssue({ code: 'custom', message: 'The field to delete must name a field by id, userMetaKey or label.' })
      return z.NEVER
    }
    return shape.data
  })

export const usersCanDeleteField = defineOperation({
  name: 'users.canDeleteField',
  summary: 'Whether a custom user field may be deleted (not printed by a certificate template)',
  kind: 'read',
  method: 'GET',
  route: 'api/users/can-delete-field',
  input: z.object({ fieldToDelete }),
  output: returns<{ canDeleteField: boolean; message: string; certificateTemplates: string }>(),
})

export const userFieldOperations = [
  usersCustomRegistrationFields,
  usersCustomUserFields,
  usersCustomUserFieldsUpdate,
  usersFieldTypeLookup,
  usersCustomFieldReportsLookup,
  usersCanDeleteField,
] as const
