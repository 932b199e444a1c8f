// What one admin group needs to say to get its screen: how to load a page of its list
// (through its registry operations), its columns, its form fields, and which operations
// create, read, update and delete a record. AdminListPage does the rest for every group.
import type { ReactNode } from 'react'
import type { ListPage, OrderBy } from '../../../../shared/contract/list-params'
import type { OpName } from '../../../../shared/operations/index'
import type { LmsRead } from '../../data/queries'
import type { MessageId } from '../../i18n'
import type { ServerSearchMultiSelectSource } from '../../components/ServerSearchSelect'

export type FieldValue = string | string[]
export type FormValues = Record<string, FieldValue>

export interface Option {
  value: string
  label: string
}

/** A fixed choice, named by a catalog key. */
export interface FixedOption {
  value: string
  label: MessageId
}

export interface AdminField {
  name: string
  label: MessageId
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'multiselect'
  required?: boolean
  description?: MessageId
  /** Fixed choices, or loaded through a lookup operation (names from the data). */
  options?: readonly FixedOption[] | (() => Promise<Option[]>)
  /** Choices searched on the server instead (every user or course of a site), with their labels by value. */
  picker?: Pick<ServerSearchMultiSelectSource, 'search' | 'labelsOf' | 'noun'>
  /** Shown only when this holds (a sending rule's recipients). */
  visibleWhen?(values: FormValues): boolean
  /** Fixed once created (a category's type). */
  createOnly?: boolean
  /** Shown beside a choice's label, in the list and for the chosen one (a badge's image). */
  renderOption?(value: string): ReactNode
}

export interface AdminListQuery<C extends string> {
  page: number
  pageSize: number
  sort: OrderBy<C> | null
  search: string
  /** The value of the group's scope selector (category type), if it has one. */
  scope: string
}

export interface AdminColumn<R, C extends string> {
  key: string
  header: MessageId
  sortBy?: C
  render(row: R): ReactNode
}

/** A delete's answer: what went, what was refused and the documented message saying why. */
export interface DeleteOutcome {
  message: string
  notDeleted: number[]
}

/** Create and edit: the form's fields and the registry operations behind it. */
export interface AdminForm {
  fields: AdminField[]
  /** Values for a new record (the scope picks the category type). */
  blank(scope: string): FormValues
  operations: { get: OpName; create: OpName; update: OpName }
  toValues(record: unknown): FormValues
  toInput(values: FormValues): Record<string, unknown>
}

/** Delete: its operation, its input, and how to read what it refused. */
export interface AdminRemove {
  operation: OpName
  input(id: number): Record<string, unknown>
  /** Why a delete may be refused, said before the user confirms. */
  note?: MessageId
  read(answer: unknown): DeleteOutcome
}

export interface AdminConfig<R extends { id: number }, C extends string = string> {
  /** The title ("Coupons") and the plural noun of counts (`{count, plural, ...}`), as catalog keys. */
  title: MessageId
  noun: MessageId
  /** The group as the catalog's selects name it ("New {group}" messages), for buttons and dialogs. */
  group: AdminGroup
  searchLabel: MessageId
  searchPlaceholder: MessageId
  /** A choice that changes which list is shown (category types). */
  scope?: { label: MessageId; options: readonly FixedOption[]; initial: string }
  defaultSort: OrderBy<C> | null
  /** The list operation's read for a query (`lmsRead(...)`). */
  read(query: AdminListQuery<C>): LmsRead<ListPage<R>>
  columns: AdminColumn<R, C>[]
  /** How a row is named in buttons and dialogs (in the current language). */
  describe(row: R): string
  /** Absent for groups the API only lists (audit log) or never deletes from (module library). */
  form?: AdminForm
  remove?: AdminRemove
}

export type AdminGroup = 'announcement' | 'badge' | 'category' | 'coupon' | 'assignment' | 'discussion'

/** An untyped call for the generic page: each config names registry operations and builds their input. */
export type LooseCall = (name: OpName, input: Record<string, unknown>) => Promise<unknown>
