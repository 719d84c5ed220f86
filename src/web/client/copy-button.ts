// Copy-to-clipboard buttons: `<button data-copy="text">` or `data-copy-target="#id"` (copies that
// element's text). They are rendered hidden (`js-only`) and shown once this script runs.

/** Writes `text` to the clipboard; falls back to a selection and execCommand for older browsers. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text)
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  document.execCommand('copy')
  area.remove()
}

/** Announces `message` to screen readers through the page's polite live region. */
export function announce(message: string): void {
  let region = document.getElementById('live-region')
  if (!region) {
    region = document.createElement('div')
    region.id = 'live-region'
    region.className = 'sr-only'
    region.setAttribute('aria-live', 'polite')
    document.body.append(region)
  }
  region.textContent = ''
  window.setTimeout(() => (region!.textContent = message), 50)
}

export function enhanceCopyButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy], button[data-copy-target]')) {
    button.addEventListener('click', async () => {
      const target = button.dataset.copyTarget ? document.querySelector(button.dataset.copyTarget) : null
      const text = button.dataset.copy ?? target?.textContent?.trim() ?? ''
      try {
        await copyText(text)
        button.classList.add('copied')
        announce(button.dataset.copiedMessage ?? 'Copied')
        window.setTimeout(() => button.classList.remove('copied'), 2000)
      } catch {
        announce(button.dataset.copyFailedMessage ?? 'Could not copy')
      }
    })
  }
}
