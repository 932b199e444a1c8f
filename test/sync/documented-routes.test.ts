// The parameter table sync and the strict stand-in read (src/shared/api/documented-routes.ts)
// is generated from the reference as data; it must be what the generator writes today.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCUMENTED_ROUTES } from '../../src/shared/api/documented-routes'
import { repoRoot } from '../http/server'

describe('documented-routes.ts', () => {
  it('is what scripts/documented-routes.mjs writes from ../shared/api/endpoints.json', () => {
    expect(() => execFileSync(process.execPath, [path.join(repoRoot, 'scripts/documented-routes.mjs'), '--check'], { cwd: repoRoot, stdio: 'pipe' })).not.toThrow()
    expect(Object.keys(DOCUMENTED_ROUTES)).toHaveLength(162)
    // Spot checks against the reference's text.
    expect(DOCUMENTED_ROUTES['GET api/course/enrolled-students'].params.find((p) => p.name === 'group_id')).toMatchObject({ in: 'query', required: true })
    expect(DOCUMENTED_ROUTES['POST api/class/enroll/{id}'].params.find((p) => p.name === 'studentIds')).toMatchObject({ in: 'query', list: true })
    expect(DOCUMENTED_ROUTES['POST api/module/assignment/evaluate'].params.every((p) => p.required && p.in === 'body')).toBe(true)
    expect(DOCUMENTED_ROUTES['GET api/course/submissions'].searchKeys).toEqual(['nameOrEmail', 'type'])
  })
})
