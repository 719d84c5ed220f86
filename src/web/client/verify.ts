// /verify: drop a file on the upload card to verify it at once, and scan a QR code with the camera
// where the browser has BarcodeDetector (the scan card stays hidden elsewhere). Without script the
// forms post as they are.

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>
}
type BarcodeDetectorConstructor = new (options?: { formats?: string[] }) => BarcodeDetectorLike

/** Drag and drop onto `[data-verify-drop]`: the dropped file goes into its file input and the form is sent. */
function enhanceDrop(root: ParentNode): void {
  for (const card of root.querySelectorAll<HTMLElement>('[data-verify-drop]')) {
    const zone = card.querySelector<HTMLElement>('.drop-zone')
    const input = card.querySelector<HTMLInputElement>('input[type=file]')
    if (!zone || !input) continue
    const over = (event: DragEvent) => {
      event.preventDefault()
      zone.classList.add('dragging')
    }
    zone.addEventListener('dragenter', over)
    zone.addEventListener('dragover', over)
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'))
    zone.addEventListener('drop', (event) => {
      event.preventDefault()
      zone.classList.remove('dragging')
      const files = event.dataTransfer?.files
      if (!files || files.length === 0) return
      input.files = files
      input.form?.requestSubmit()
    })
  }
}

/** The scan card: shown when the browser can detect QR codes and use a camera; a found link is verified by URL, found text pasted. */
function enhanceScan(root: ParentNode): void {
  const card = root.querySelector<HTMLElement>('[data-verify-scan]')
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector
  if (!card || !Detector || !navigator.mediaDevices?.getUserMedia) return
  const video = card.querySelector<HTMLVideoElement>('video')
  const button = card.querySelector<HTMLButtonElement>('[data-scan-start]')
  const status = card.querySelector<HTMLElement>('[data-scan-status]')
  if (!video || !button || !status) return
  card.hidden = false
  let stream: MediaStream | undefined
  let timer: number | undefined
  const stop = () => {
    if (timer !== undefined) window.clearInterval(timer)
    timer = undefined
    stream?.getTracks().forEach((track) => track.stop())
    stream = undefined
    video.hidden = true
    button.textContent = button.dataset.labelStart ?? ''
  }
  const found = (text: string) => {
    stop()
    if (/^https?:\/\//i.test(text)) {
      // Through the URL form, so the browser verifies it where it can (verify-in-browser.ts).
      const field = document.querySelector<HTMLInputElement>('input[name=url]')
      if (field?.form) {
        field.value = text
        field.form.requestSubmit()
      } else window.location.assign(`/verify?url=${encodeURIComponent(text)}`)
      return
    }
    const textarea = document.querySelector<HTMLTextAreaElement>('textarea[name=credential]')
    if (!textarea) return
    textarea.value = text
    textarea.form?.requestSubmit()
  }
  button.addEventListener('click', async () => {
    if (stream) return stop()
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
    } catch {
      status.textContent = button.dataset.labelDenied ?? ''
      return
    }
    video.srcObject = stream
    video.hidden = false
    await video.play().catch(() => undefined)
    button.textContent = button.dataset.labelStop ?? ''
    status.textContent = button.dataset.labelLooking ?? ''
    const detector = new Detector({ formats: ['qr_code'] })
    timer = window.setInterval(async () => {
      try {
        const [code] = await detector.detect(video)
        if (code?.rawValue) found(code.rawValue)
      } catch {
        // a frame that cannot be read yet; try the next one
      }
    }, 300)
  })
}

export function enhanceVerify(root: ParentNode): void {
  enhanceDrop(root)
  enhanceScan(root)
}
