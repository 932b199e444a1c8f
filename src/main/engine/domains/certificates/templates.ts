// Reads of certificate templates shared by the handlers, issuing and rendering.
import type { CertificateField, CertificateTemplateData } from '../../../../shared/operations/certificates'
import type { EngineContext } from '../../context'
import { notFound } from '../../errors'

export interface TemplateRow {
  id: number
  name: string
  bg_url: string | null
  width: number
  height: number
  fields: string
  version: number
  author_id: number | null
  created_at: string
  updated_at: string
}

export function templateData(row: Pick<TemplateRow, 'name' | 'bg_url' | 'width' | 'height' | 'fields'>): CertificateTemplateData {
  return { name: row.name, bg_url: row.bg_url, width: row.width, height: row.height, fields: JSON.parse(row.fields) as CertificateField[] }
}

export function findTemplate(ctx: EngineContext, id: number): TemplateRow | undefined {
  return ctx.sql.first(ctx.qb.selectFrom('certificate_templates').selectAll().where('id', '=', id))
}

export function requireTemplate(ctx: EngineContext, id: number): TemplateRow {
  const row = findTemplate(ctx, id)
  if (!row) throw notFound('reason.template_not_found', { id: String(id) })
  return row
}

/** The template a course issues: the first of its certificate templates that still exists. */
export function courseTemplate(ctx: EngineContext, certificateTemplates: string): TemplateRow | undefined {
  let ids: unknown
  try {
    ids = JSON.parse(certificateTemplates)
  } catch {
    return undefined
  }
  if (!Array.isArray(ids)) return undefined
  for (const id of ids) {
    if (typeof id !== 'number') continue
    const row = findTemplate(ctx, id)
    if (row) return row
  }
  return undefined
}

/** Ids of courses whose certificate_templates list names the template. */
export function coursesUsingTemplate(ctx: EngineContext, templateId: number): { id: number; name: string }[] {
  return ctx.sql
    .all(ctx.qb.selectFrom('courses').select(['id', 'name', 'certificate_templates']).where('certificate_templates', '!=', '[]').orderBy('id'))
    .filter((c) => {
      try {
        return (JSON.parse(c.certificate_templates) as unknown[]).includes(templateId)
      } catch {
        return false
      }
    })
    .map((c) => ({ id: c.id, name: c.name }))
}
