import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'
import { fontBytes } from './fonts.js'

/** The bundled fonts embedded in one PDF, and whether both have a glyph for a code point. */
export interface EmbeddedFonts {
  regular: PDFFont
  bold: PDFFont
  canEncode: (codePoint: number) => boolean
}

let glyphsOfBoth: Set<number> | undefined

/**
 * Embeds DejaVu Sans and DejaVu Sans Bold in `doc`, each subset to the glyphs drawn with it when
 * the document is saved. Subsets are named by pdf-lib's seeded generator, so equal documents
 * get equal bytes.
 */
export async function embedBundledFonts(doc: PDFDocument): Promise<EmbeddedFonts> {
  // A fresh parse per document: fontkit caches glyphs (with the code points first seen) inside a
  // parsed font, so sharing one between documents makes a PDF's text depend on earlier PDFs.
  doc.registerFontkit(fontkit)
  const regular = await doc.embedFont(fontBytes('regular'), { subset: true })
  const bold = await doc.embedFont(fontBytes('bold'), { subset: true })
  if (!glyphsOfBoth) {
    const inBold = new Set(bold.getCharacterSet())
    glyphsOfBoth = new Set(regular.getCharacterSet().filter((codePoint) => inBold.has(codePoint)))
  }
  const both = glyphsOfBoth
  return { regular, bold, canEncode: (codePoint) => both.has(codePoint) }
}
