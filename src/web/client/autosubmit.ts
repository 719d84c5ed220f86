// `<select data-autosubmit>`: submits its form when the choice changes (the form keeps a visible
// submit button for browsers without this script, hidden with `no-js` once it runs).
export function enhanceAutosubmit(root: ParentNode): void {
  for (const control of root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('[data-autosubmit]')) {
    control.addEventListener('change', () => control.form?.requestSubmit())
  }
}
