// `<select data-autosubmit>`: submits its form when the choice changes (the form keeps a visible
// submit button for browsers without this script, hidden with `no-js` once it runs).
export function enhanceAutosubmit(root: ParentNode): void {
  for (const control of root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('[data-autosubmit]')) {
    control.addEventListener('change', () => control.form?.requestSubmit())
  }
}

/** `<form data-autopost>`: a form that goes on by itself (the LTI deep-linking response back to the platform); its button stays for browsers without this script. */
export function enhanceAutopost(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-autopost]')) form.requestSubmit()
}
