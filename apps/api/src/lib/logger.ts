export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = Record<LogLevel, (message: string, context?: Record<string, unknown>) => void>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON line per entry on stderr/stdout. Callers never pass secrets in `context`. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const log = (entryLevel: LogLevel) => (message: string, context?: Record<string, unknown>) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    write(
      JSON.stringify({ time: new Date().toISOString(), level: entryLevel, message, ...context }),
    );
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
