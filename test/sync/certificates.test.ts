// Certificate templates made on the laptop reach a stand-in hosted LMS (a real engine over
// HTTP behind the fault proxy): create, update, quick edit and delete, in order, with the
// server's id mapped; a create whose answer is lost is found by name, not posted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CertificateFieldInput } from '../../src/shared/operations/certificates'
import { request } from '../http/server'
import { configure, expectQueueEmpty, newUser, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
let laptop: Laptop
beforeEach(async () => {
  hosted = await startHosted()
  laptop = await openLaptop()
  configure(laptop, hosted)
})
afterEach(async () => {
  laptop?.dispose()
  await hosted?.stop()
})

const get = async (path: string) => {
  const answer = await request(hosted.server, 'GET', path, { headers: { Authorization: `Bearer ${TOKEN}` } })
  return { status: answer.status, json: answer.json }
}

const field = (key: string, top: number): CertificateFieldInput => ({ key, value: key, font_size: 20, align_center: true, font_family: 'Times-Bold', font_color: '#222', top, left: 100, width: 600, height: 40 })

describe('certificate templates pushed to the hosted LMS', () => {
  it('arrive created, updated, re-authored and deleted as on the laptop', async () => {
    const token = uniqueToken()
    const author = laptop.call('users.create', newUser(`cert.${token}@example.org`, 'Grace')).id
    const kept = laptop.call('certificateTemplates.create', { name: `Kept ${token}`, width: 1000, height: 600, fields: [field('student_full_name', 200)] }).id
    const gone = laptop.call('certificateTemplates.create', { name: `Gone ${token}`, width: 800, height: 600, fields: [] }).id
    laptop.call('certificateTemplates.update', { id: kept, name: `Kept ${token} v2`, width: 1000, height: 700, fields: [field('student_full_name', 250), field('course_name', 320)] })
    laptop.call('certificateTemplates.quickEdit', { template_ids: [kept], author_id: author })
    laptop.call('certificateTemplates.delete', { delete_ids: [gone] })

    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)

    const serverKept = laptop.serverId('certificate_template', kept)!
    expect(serverKept).toBeGreaterThan(0)
    const template = await get(`/api/certificate_template/${serverKept}`)
    expect(template.status).toBe(200)
    expect(template.json).toMatchObject({ name: `Kept ${token} v2`, height: 700, width: 1000 })
    expect(template.json.fields.map((f: any) => [f.key, f.top])).toEqual([
      ['student_full_name', 250],
      ['course_name', 320],
    ])
    const list = await get(`/api/certificate_templates/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ templateName: token }))}`)
    expect(list.json.records.map((r: any) => [r.name, r.author])).toEqual([[`Kept ${token} v2`, 'Grace Top']])
    // Created and deleted before any sync: the hosted LMS never holds it.
    const goneList = await get(`/api/certificate_templates/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ templateName: `Gone ${token}` }))}`)
    expect(goneList.json.recordsFiltered).toBe(0)
    expect(laptop.serverId('certificate_template', gone)).toBeUndefined()
  })

  it('finds a template whose create answer was lost instead of creating it twice', async () => {
    const token = uniqueToken()
    laptop.call('certificateTemplates.create', { name: `Lost ${token}`, width: 1000, height: 600, fields: [field('course_name', 100)] })
    hosted.proxy.addRule({ method: 'POST', path: /^\/api\/certificate_template$/, nth: 1, fault: { kind: 'lose-response' } })
    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)
    expect(hosted.proxy.log.filter((e) => e.method === 'POST' && e.path === '/api/certificate_template').map((e) => e.forwarded)).toEqual([1])
    const list = await get(`/api/certificate_templates/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ templateName: token }))}`)
    expect(list.json.records).toHaveLength(1)
  })
})
