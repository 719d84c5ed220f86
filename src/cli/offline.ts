import type { Command } from 'commander'

const offline = new WeakSet<Command>()

/**
 * Marks a command that never uses the CLI's services (configuration, fetcher, store): main.ts then
 * runs it without wiring them, which loads the configuration's schema, the fetcher and the logger
 * (~150 ms before `credential sign` can start its threads).
 */
export function withoutServices(command: Command): Command {
  offline.add(command)
  return command
}

/** Whether `command` was marked by withoutServices. */
export const isOffline = (command: Command): boolean => offline.has(command)
