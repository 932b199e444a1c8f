// Categories group: one table of named categories in five kinds (courses, modules,
// products, questions, users); a name is unique within its kind.
import { z } from 'zod'
import { defineOperation, returns, type ReadOperation } from '../contract/operation'
import { id, idList, listParams, type ListPage } from '../contract/list-params'
import { oneOf, requiredString } from '../contract/fields'

export const CATEGORY_TYPES = ['course', 'module', 'product', 'question', 'user'] as const
export type CategoryType = (typeof CATEGORY_TYPES)[number]

export interface CategoryListRecord {
  id: number
  name: string
  author: string
  count: number
  created_at: string
}

export interface CategoryDetails {
  id: number
  name: string
  type: string
  created_by: number | null
  updated_by: number | null
  deleted_by: number | null
  created_at: string
  updated_at: string | null
  deleted_at: string | null
}

const categoryListInput = z.object(
  listParams(['id', 'name', 'created_at', 'count', 'author'] as const, z.object({ categoryName: z.string().max(255).optional() })),
)

function lookup<const N extends string>(name: N, type: CategoryType) {
  return defineOperation({
    name,
    summary: `All ${type} categories, for dropdowns`,
    kind: 'read',
    method: 'GET',
    route: `api/categories/${type}/lookup`,
    input: z.object({}),
    output: returns<{ id: number; name: string }[]>(),
  })
}

function tabularList<const N extends string>(name: N, type: Exclude<CategoryType, 'user'>): ReadOperation<N, typeof categoryListInput, ListPage<CategoryListRecord>> {
  return defineOperation({
    name,
    summary: `${type[0].toUpperCase()}${type.slice(1)} categories in pages, searched by name`,
    kind: 'read',
    method: 'GET',
    route: `api/${type}category/tabularlist`,
    input: categoryListInput,
    output: returns<ListPage<CategoryListRecord>>(),
  })
}

/** Which kind each list and lookup answers, by operation name. */
export const CATEGORY_TYPE_OF: Record<string, CategoryType> = {
  'categories.productLookup': 'product',
  'categories.courseLookup': 'course',
  'categories.moduleLookup': 'module',
  'categories.questionLookup': 'question',
  'categories.userLookup': 'user',
  'categories.courseList': 'course',
  'categories.moduleList': 'module',
  'categories.productList': 'product',
  'categories.questionList': 'question',
}

export const categoriesCreate = defineOperation({
  name: 'categories.create',
  summary: 'Create a category of a kind',
  kind: 'write',
  method: 'POST',
  route: 'api/category/create',
  input: z.object({ category_name: requiredString('category name', 191), categoryType: oneOf('category type', CATEGORY_TYPES) }),
  output: returns<{ message: string; id: number }>(),
  sync: { entity: 'category', refs: {} },
})

export const categoriesUpdate = defineOperation({
  name: 'categories.update',
  summary: 'Rename a category',
  kind: 'write',
  method: 'PUT',
  route: 'api/category/{id}',
  input: z.object({ id, category_name: requiredString('category name', 191) }),
  output: returns<{ message: string }>(),
  sync: { entity: 'category', refs: { id: 'category' } },
})

export const categoriesGet = defineOperation({
  name: 'categories.get',
  summary: 'One category',
  kind: 'read',
  method: 'GET',
  route: 'api/category/{id}',
  input: z.object({ id }),
  output: returns<CategoryDetails>(),
})

export const categoriesDelete = defineOperation({
  name: 'categories.delete',
  summary: 'Delete categories (courses keep going without them)',
  kind: 'write',
  method: 'POST',
  route: 'api/category/delete',
  input: z.object({ delete_ids: idList.min(1, { error: 'The delete ids field is required.' }) }),
  output: returns<{ message: string; deleted: number[] }>(),
  sync: { entity: 'category', refs: { delete_ids: 'category' } },
})

export const categoryOperations = [
  lookup('categories.productLookup', 'product'),
  lookup('categories.courseLookup', 'course'),
  lookup('categories.moduleLookup', 'module'),
  lookup('categories.questionLookup', 'question'),
  lookup('categories.userLookup', 'user'),
  tabularList('categories.courseList', 'course'),
  tabularList('categories.moduleList', 'module'),
  tabularList('categories.productList', 'product'),
  tabularList('categories.questionList', 'question'),
  categoriesCreate,
  categoriesUpdate,
  categoriesGet,
  categoriesDelete,
] as const
