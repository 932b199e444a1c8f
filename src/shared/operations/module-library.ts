// What the assignment and discussion module lists share: sort columns and the documented
// filters (the course that uses a module, and its name).
import { z } from 'zod'
import { id, listParams } from '../contract/list-params'

export const MODULE_LIST_COLUMNS = ['created_at', 'name', 'id', 'totalPoints'] as const

export const moduleLibraryListInput = z.object(
  listParams(
    MODULE_LIST_COLUMNS,
    z.object({
      associatedCourse: z.union([id, z.literal(''), z.null()]).optional(),
      moduleName: z.string().max(255).optional(),
    }),
  ),
)
