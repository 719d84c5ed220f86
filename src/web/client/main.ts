// Progressive enhancement: every page works without this script. Each enhancement finds its
// elements by a data attribute and upgrades them; nothing here is needed to submit a form.
import { enhanceAutopost, enhanceAutosubmit } from './autosubmit.js'
import { enhanceBatchProgress } from './batch-progress.js'
import { enhanceBrandPreview } from './brand-preview.js'
import { enhanceCopyButtons } from './copy-button.js'
import { enhanceSkillsTypeahead } from './skills-typeahead.js'
import { enhanceVerify } from './verify.js'
import { enhanceBrowserVerify } from './verify-in-browser.js'

document.documentElement.classList.add('js')

const enhancements: Array<(root: ParentNode) => void> = [enhanceCopyButtons, enhanceAutosubmit, enhanceSkillsTypeahead, enhanceBatchProgress, enhanceBrandPreview, enhanceVerify, enhanceBrowserVerify, enhanceAutopost]

for (const enhance of enhancements) {
  try {
    enhance(document)
  } catch (err) {
    console.error('Enhancement failed', err)
  }
}
