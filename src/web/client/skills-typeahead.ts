// The skills picker's typeahead: `<div data-skills-typeahead="/api/v1/skills">` around the
// skills search field. As the user types, it asks the skills search API and offers the matches
// in a listbox under the field (ARIA 1.2 combobox: arrows move, Enter picks, Escape closes), and
// announces how many were found. A picked skill becomes a hidden `addSkill` field, which the
// editor's save adds like a ticked search result. Without this script the field and its Search
// button search on the server.
import { announce } from './copy-button.js'

interface Skill {
  id: string
  preferredLabel: string
  framework: string
  kind?: string
  altLabels?: string[]
}

const FRAMEWORKS: Record<string, string> = { esco: 'ESCO', onet: 'O*NET', 'emblem-demo': 'Emblem demo skills' }
const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))

export function enhanceSkillsTypeahead(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-skills-typeahead]')) {
    const input = box.querySelector<HTMLInputElement>('input[type="search"]')
    if (input) upgrade(box, input)
  }
}

function upgrade(box: HTMLElement, input: HTMLInputElement): void {
  const endpoint = box.dataset.skillsTypeahead!
  const msg = (name: string) => box.dataset[`msg${name}`] ?? ''
  const listId = `${input.id}-listbox`

  const list = document.createElement('ul')
  list.id = listId
  list.className = 'typeahead-list'
  list.setAttribute('role', 'listbox')
  list.setAttribute('aria-label', msg('List'))
  list.hidden = true
  input.closest('.field')!.append(list)

  const picked = document.createElement('div')
  picked.className = 'typeahead-picked'
  picked.hidden = true
  const pickedTitle = document.createElement('p')
  pickedTitle.id = `${input.id}-picked`
  pickedTitle.textContent = msg('Picked')
  const pickedList = document.createElement('ul')
  pickedList.setAttribute('aria-labelledby', pickedTitle.id)
  picked.append(pickedTitle, pickedList)
  box.append(picked)

  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', listId)

  let items: Skill[] = []
  let active = -1
  let timer: number | undefined
  let controller: AbortController | undefined

  const options = () => [...list.querySelectorAll<HTMLLIElement>('[role="option"]')]
  // Skills already on the achievement (kept alignments travel as JSON) or picked here are not offered again.
  const pickedIds = () => {
    const ids = new Set([...pickedList.querySelectorAll<HTMLInputElement>('input[name="addSkill"]')].map((i) => i.value))
    for (const kept of input.form?.querySelectorAll<HTMLInputElement>('input[type="hidden"][name^="alignment."][name$=".json"]') ?? []) {
      try {
        ids.add((JSON.parse(kept.value) as { targetUrl?: string }).targetUrl ?? '')
      } catch {
        // not an alignment
      }
    }
    return ids
  }

  function close(): void {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function setActive(index: number): void {
    const all = options()
    if (all.length === 0) return
    active = (index + all.length) % all.length
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)))
    input.setAttribute('aria-activedescendant', all[active]!.id)
    all[active]!.scrollIntoView({ block: 'nearest' })
  }

  function show(found: Skill[]): void {
    const already = pickedIds()
    items = found.filter((s) => !already.has(s.id))
    list.replaceChildren(
      ...items.map((skill, i) => {
        const option = document.createElement('li')
        option.id = `${listId}-${i}`
        option.setAttribute('role', 'option')
        option.setAttribute('aria-selected', 'false')
        const name = document.createElement('span')
        name.textContent = skill.preferredLabel
        const detail = document.createElement('small')
        detail.textContent = [FRAMEWORKS[skill.framework] ?? skill.framework, skill.kind, ...(skill.altLabels ?? []).slice(0, 3)].filter(Boolean).join(' · ')
        option.append(name, detail)
        // mousedown, not click: picking must happen before the field's blur closes the list.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault()
          pick(i)
        })
        return option
      }),
    )
    active = -1
    input.removeAttribute('aria-activedescendant')
    const open = items.length > 0
    list.hidden = !open
    input.setAttribute('aria-expanded', String(open))
    announce(items.length === 0 ? msg('None') : items.length === 1 ? msg('One') : fill(msg('Many'), { count: items.length }))
  }

  function pick(index: number): void {
    const skill = items[index]
    if (!skill) return
    const chip = document.createElement('li')
    const label = document.createElement('span')
    label.textContent = skill.preferredLabel
    const hidden = document.createElement('input')
    hidden.type = 'hidden'
    hidden.name = 'addSkill'
    hidden.value = skill.id
    const remove = document.createElement('button')
    remove.type = 'button'
    remove.setAttribute('aria-label', fill(msg('Remove'), { name: skill.preferredLabel }))
    remove.textContent = '×'
    remove.addEventListener('click', () => {
      chip.remove()
      picked.hidden = pickedList.children.length === 0
      announce(fill(msg('Removed'), { name: skill.preferredLabel }))
      input.focus()
    })
    chip.append(label, hidden, remove)
    pickedList.append(chip)
    picked.hidden = false
    input.value = ''
    close()
    announce(fill(msg('Added'), { name: skill.preferredLabel }))
  }

  async function search(query: string): Promise<void> {
    controller?.abort()
    if (query.trim().length < 2) return close()
    controller = new AbortController()
    try {
      const res = await fetch(`${endpoint}?${new URLSearchParams({ q: query.trim(), limit: '8' })}`, { signal: controller.signal, headers: { accept: 'application/json' }, credentials: 'same-origin' })
      if (!res.ok) return close()
      const body = (await res.json()) as { items?: Skill[] }
      if (input.value === query) show(body.items ?? [])
    } catch (err) {
      if ((err as Error).name !== 'AbortError') close()
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => void search(input.value), 200)
  })
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      if (open) setActive(active + 1)
      else if (items.length > 0) {
        list.hidden = false
        input.setAttribute('aria-expanded', 'true')
        setActive(0)
      }
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault()
      setActive(active - 1)
    } else if (event.key === 'Enter' && open && active >= 0) {
      // Picks the highlighted skill instead of submitting the form.
      event.preventDefault()
      pick(active)
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      close()
    }
  })
  input.addEventListener('blur', () => window.setTimeout(close, 100))
}
