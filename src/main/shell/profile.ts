// The demo world lives in its own folder, never mixed with a real site's data; the choice
// made on first start is kept in <userData>/profile.json.
import fs from 'node:fs'
import path from 'node:path'
import type { Dialog } from 'electron'
import { writePrivateFile } from '../engine/db/private-files'

export type Profile = 'demo' | 'site'

export async function chooseProfile(userData: string, dialog: Pick<Dialog, 'showMessageBox'>): Promise<Profile> {
  const file = path.join(userData, 'profile.json')
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { profile?: Profile }
    if (saved.profile === 'demo' || saved.profile === 'site') return saved.profile
  } catch {
    /* first start */
  }
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'Welcome to LMS Offline',
    message: 'How do you want to start?',
    detail: 'The demo world is a separate profile with sample learners and courses. Your site profile stays empty until you sync with your hosted LMS.',
    buttons: ['Explore the demo world', 'Start with my site'],
    defaultId: 0,
    cancelId: 1,
  })
  const profile: Profile = response === 0 ? 'demo' : 'site'
  fs.mkdirSync(userData, { recursive: true, mode: 0o700 })
  writePrivateFile(file, JSON.stringify({ profile }))
  return profile
}

export const profileDataDir = (userData: string, profile: Profile) => path.join(userData, 'profiles', profile)
