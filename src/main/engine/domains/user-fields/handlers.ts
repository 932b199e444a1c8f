// Custom user fields: the whole list is replaced by one PUT, as the hosted form saves it.
import { sql as rawSql } from 'kysely'
import {
  CHOICE_FIELD_TYPES,
  FIELD_REPORT_LABELS,
  FIELD_REPORTS,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type CustomUserField,
  type CustomUserFieldInput,
} from '../../../../shared/operations/user-fields'
import type { EngineContext } from '../../context'
import type { CustomUserFieldsTable } from '../../db/schema'
import type { Selectable } from 'kysely'
import { invalid, invalidFields } from '../../errors'
import type { ReasonKey, ReasonValues } from '../../reasons'
import { defineHandlers } from '../../handlers'

type FieldRow = Selectable<CustomUserFieldsTable>

function fieldView(r: FieldRow): CustomUserField {
  return {
    id: r.id,
    type: r.type,
    displayType: FIELD_TYPE_LABELS[r.type as keyof typeof FIELD_TYPE_LABELS] ?? r.type,
    label: r.label,
    defaultValue: r.default_value,
    isRequired: r.is_required === 1,
    userMetaKey: r.user_meta_key,
    optionLabel: JSON.parse(r.option_label) as string[],
    isFieldOnRegistrationPage: r.on_registration_page === 1,
    isFieldOnCertificate: r.on_certificate === 1,
    includeInReportExports: JSON.parse(r.report_exports) as string[],
    display_order: r.display_order,
  }
}

function allFields(ctx: EngineContext): FieldRow[] {
  return ctx.sql.all(ctx.qb.selectFrom('custom_user_fields').selectAll().orderBy('display_order').orderBy('id'))
}

const metaKeyOf = (label: string) =>
  label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60) || 'field'

/** Names of certificate templates that print the field (certificates name it `custom_field_<id>`). */
export function templatesUsingField(ctx: EngineContext, fieldId: number): string[] {
  const key = `custom_field_${fieldId}`
  const rows = ctx.sql.all(
    ctx.qb.selectFrom('certificate_templates').select(['name', 'fields']).where(rawSql<boolean>`instr(fields, ${key}) > 0`),
  )
  return rows
    .filter((r) => {
      const fields = JSON.parse(r.fields) as unknown
      return Array.isArray(fields) && fields.some((f) => (f as { key?: unknown })?.key === key)
    })
    .map((r) => r.name)
}

function checkFields(fields: readonly CustomUserFieldInput[], existing: Map<number, FieldRow>): void {
  const errors: Record<string, { key: ReasonKey; values: ReasonValues }[]> = {}
  const labels = new Map<string, number>()
  fields.forEach((f, i) => {
    if (f.id !== undefined && !existing.has(f.id)) errors[`fields.${i}.id`] = [{ key: 'reason.user_field_missing', values: { id: String(f.id) } }]
    if (CHOICE_FIELD_TYPES.includes(f.type) && !(f.optionLabel ?? []).length) {
      errors[`fields.${i}.optionLabel`] = [{ key: 'reason.user_field_needs_option', values: { label: f.label } }]
    }
    const key = f.label.toLowerCase()
    if (labels.has(key)) errors[`fields.${i}.label`] = [{ key: 'reason.user_field_label_taken', values: { label: f.label } }]
    labels.set(key, i)
  })
  if (Object.keys(errors).length) throw invalidFields(errors)
}

export const userFieldHandlers = defineHandlers({
  'users.customRegistrationFields'(ctx) {
    return { fields: allFields(ctx).filter((r) => r.on_registration_page === 1).map(fieldView) }
  },

  'users.customUserFields'(ctx) {
    return { fields: allFields(ctx).map(fieldView) }
  },

  'users.customUserFieldsUpdate'(ctx, input) {
    const existing = new Map(allFields(ctx).map((r) => [r.id, r]))
    checkFields(input.fields, existing)
    const kept = new Set(input.fields.flatMap((f) => (f.id !== undefined ? [f.id] : [])))
    // A field printed by a certificate template is refused deletion, as can-delete-field says.
    for (const row of existing.values()) {
      if (kept.has(row.id)) continue
      const templates = templatesUsingField(ctx, row.id)
      if (templates.length) {
        throw invalid('fields', 'reason.user_field_in_templates', { label: row.label, templates: templates.join(', ') })
      }
    }
    const at = ctx.nowIso()
    let changed = false
    for (const row of existing.values()) {
      if (kept.has(row.id)) continue
      ctx.sql.run(ctx.qb.deleteFrom('custom_user_fields').where('id', '=', row.id))
      changed = true
    }
    const usedKeys = new Set([...existing.values()].filter((r) => kept.has(r.id)).map((r) => r.user_meta_key))
    input.fields.forEach((f, position) => {
      const values = {
        type: f.type,
        label: f.label,
        default_value: f.defaultValue ? f.defaultValue : null,
        is_required: f.isRequired ? 1 : 0,
        option_label: JSON.stringify(CHOICE_FIELD_TYPES.includes(f.type) ? (f.optionLabel ?? []) : []),
        on_registration_page: f.isFieldOnRegistrationPage ? 1 : 0,
        on_certificate: f.isFieldOnCertificate ? 1 : 0,
        report_exports: JSON.stringify([...new Set(f.includeInReportExports ?? [])]),
        display_order: position,
      }
      const current = f.id !== undefined ? existing.get(f.id) : undefined
      if (current) {
        const differs = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== current[k])
        if (differs) {
          ctx.sql.run(ctx.qb.updateTable('custom_user_fields').set({ ...values, updated_at: at }).where('id', '=', current.id))
          changed = true
        }
        return
      }
      // The key user answers are stored under: from the label, unique, never changed afterwards.
      const base = metaKeyOf(f.label)
      let key = base
      for (let n = 2; usedKeys.has(key) || ctx.sql.first(ctx.qb.selectFrom('custom_user_fields').select('id').where('user_meta_key', '=', key)); n++) key = `${base}_${n}`
      usedKeys.add(key)
      ctx.sql.run(ctx.qb.insertInto('custom_user_fields').values({ ...values, user_meta_key: key, created_at: at, updated_at: at }))
      changed = true
    })
    if (changed) {
      // The documented body carries no ids: the hosted LMS takes the list as a whole, in order.
      const fields = allFields(ctx).map((r) => {
        const { id: _id, displayType: _d, userMetaKey: _k, display_order: _o, ...body } = fieldView(r)
        return { ...body, defaultValue: body.defaultValue ?? '' }
      })
      ctx.recordChange({ localId: null, input: { fields } })
    }
    return { message: 'Fields updated successfully' }
  },

  'users.fieldTypeLookup'() {
    return FIELD_TYPES.map((t) => ({ db_value: t, display_value: FIELD_TYPE_LABELS[t] }))
  },

  'users.customFieldReportsLookup'() {
    return FIELD_REPORTS.map((r) => ({ db_value: r, display_value: FIELD_REPORT_LABELS[r] }))
  },

  'users.canDeleteField'(ctx, input) {
    const wanted = input.fieldToDelete
    const row =
      (wanted.id !== undefined ? ctx.sql.first(ctx.qb.selectFrom('custom_user_fields').select('id').where('id', '=', wanted.id)) : undefined) ??
      (wanted.userMetaKey ? ctx.sql.first(ctx.qb.selectFrom('custom_user_fields').select('id').where('user_meta_key', '=', wanted.userMetaKey)) : undefined)
    // A field not saved yet (only in the form) is printed by no template.
    const templates = row ? templatesUsingField(ctx, row.id) : []
    if (!templates.length) return { canDeleteField: true, message: '', certificateTemplates: '' }
    return {
      canDeleteField: false,
      message: `This field is used in certificate templates (${templates.join(', ')}). Remove it from them before deleting it.`,
      certificateTemplates: templates.join(', '),
    }
  },
})
