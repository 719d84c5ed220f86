import { describe, expect, it } from 'vitest'
import { readUpload } from './multipart-upload.js'

/** A browser-like multipart body, delivered in pieces of `size` bytes. */
function body(parts: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(parts)
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(at, at + size))
      at += size
    },
  })
}

const B = '----WebKitFormBoundaryAbC123'
const form = (file: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="achievement"\r\n\r\nach-1\r\n` +
  `--${B}\r\nContent-Disposition: form-data; name="file"; filename="cohort 1.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${B}--\r\n`

async function read(text: string, size: number) {
  const upload = await readUpload(body(text, size), `multipart/form-data; boundary=${B}`, 'file')
  const chunks: Uint8Array[] = []
  for await (const chunk of upload.file) chunks.push(chunk)
  return { ...upload, text: Buffer.concat(chunks).toString('utf8') }
}

describe('a streamed multipart upload', () => {
  it('gives the fields before the file and the file’s exact bytes, however the body is cut', async () => {
    // The file holds a boundary not at a line start, and a line starting like the boundary but not it.
    const file = `email,name\r\nada@example.org,Ada\r\nx--${B}\r\n--${B.slice(0, 10)}x\r\n`
    for (const size of [1, 3, 7, 64, 100_000]) {
      const upload = await read(form(file), size)
      expect(upload.fields).toEqual({ achievement: 'ach-1' })
      expect(upload.fileName).toBe('cohort 1.csv')
      expect(upload.text).toBe(file)
    }
  })

  it('refuses a body without the file, a truncated file, and a form that is not multipart', async () => {
    await expect(read(`--${B}\r\nContent-Disposition: form-data; name="achievement"\r\n\r\nx\r\n--${B}--\r\n`, 5)).rejects.toThrow(/no file "file"/)
    await expect(read(form('email,name\r\n').slice(0, -12), 5)).rejects.toThrow(/never ends/)
    await expect(readUpload(body('x', 1), 'application/x-www-form-urlencoded', 'file')).rejects.toMatchObject({ code: 'ERR_CSV_INVALID' })
  })
})
