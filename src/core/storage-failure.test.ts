import { describe, expect, it } from 'vitest'
import { PlatformError } from './errors.js'
import { storageFailureOf } from './storage-failure.js'

const coded = (code: string, message = 'driver error') => Object.assign(new Error(message), { code })

describe('storageFailureOf', () => {
  it('reads a full disk or database from SQLite, Node and PostgreSQL codes', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']) expect(storageFailureOf(coded(code))?.code, code).toBe('ERR_STORAGE_FULL')
  })

  it('reads a read-only database or file system', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'EROFS', '25006']) expect(storageFailureOf(coded(code))?.code, code).toBe('ERR_STORE_READ_ONLY')
  })

  it('looks through causes, keeps the driver error as the cause, and does not repeat its message', () => {
    const driver = coded('SQLITE_FULL', 'database or disk is full at /secret/path')
    const failure = storageFailureOf(new Error('query failed', { cause: driver }))
    expect(failure).toBeInstanceOf(PlatformError)
    expect(failure?.cause).toBe(driver)
    expect(failure?.message).not.toContain('/secret/path')
  })

  it('leaves every other error alone', () => {
    for (const err of [coded('SQLITE_CONSTRAINT_UNIQUE'), coded('23505'), coded('ECONNREFUSED'), new Error('plain'), 'text', null, undefined, new PlatformError('ERR_NOT_FOUND', 'x')]) {
      expect(storageFailureOf(err)).toBeUndefined()
    }
  })
})
