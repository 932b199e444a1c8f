// Billing addresses of a user (Users group). A user has at most one default address.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id } from '../contract/list-params'
import { optionalString, requiredString } from '../contract/fields'

export interface UserAddress {
  id: number
  addresstype: string | null
  isDefault: boolean
  fullName: string
  addressLine1: string
  addressLine2: string
  zipcode: string
  city: string
  state: string
  country: string
}

const addressBody = {
  fullName: requiredString('full name'),
  addressLine1: requiredString('address line1'),
  addressLine2: optionalString('address line2'),
  zipcode: requiredString('zipcode', 20),
  city: requiredString('city', 100),
  state: optionalString('state', 100),
  country: requiredString('country', 100),
  isDefault: boolish.optional(),
}

export const usersAddAddress = defineOperation({
  name: 'users.addAddress',
  summary: 'Add an address for a user',
  kind: 'write',
  method: 'POST',
  route: 'api/user/{id}/addAddress',
  input: z.object({ id, ...addressBody }),
  output: returns<{ message: string; id: number }>(),
  sync: { entity: 'address', refs: { id: 'user' } },
})

export const usersAddresses = defineOperation({
  name: 'users.addresses',
  summary: "A user's addresses",
  kind: 'read',
  method: 'GET',
  route: 'api/user/userAddress/{id}',
  input: z.object({ id }),
  output: returns<UserAddress[]>(),
})

export const usersDefaultAddress = defineOperation({
  name: 'users.defaultAddress',
  summary: "A user's default address (an empty list when there is none)",
  kind: 'read',
  method: 'GET',
  route: 'api/default-address/{id}',
  input: z.object({ id }),
  output: returns<UserAddress[]>(),
})

export const usersGetAddress = defineOperation({
  name: 'users.getAddress',
  summary: 'One address by its id',
  kind: 'read',
  method: 'GET',
  route: 'api/getaddress/{id}',
  input: z.object({ id }),
  output: returns<UserAddress[]>(),
})

export const usersUpdateAddress = defineOperation({
  name: 'users.updateAddress',
  summary: 'Update an address',
  kind: 'write',
  method: 'POST',
  route: 'api/user/updateAddress/{id}',
  input: z.object({ id, ...addressBody }),
  output: returns<{ message: string }>(),
  sync: { entity: 'address', refs: { id: 'address' } },
})

export const userAddressOperations = [usersAddAddress, usersAddresses, usersDefaultAddress, usersGetAddress, usersUpdateAddress] as const
