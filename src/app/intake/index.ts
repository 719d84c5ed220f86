/** Reading and verifying a credential from any container (text, file, URL); OB 2.0 verification. */
export { intakeUseCases, VERIFY_RATE_LIMIT, type IntakeUseCases, type InspectContext } from './intake-use-cases.js'
export { MAX_INTAKE_BYTES, alternateOf, type Inspection, type IntakeFormat, type IntakeInput } from './inspect.js'
