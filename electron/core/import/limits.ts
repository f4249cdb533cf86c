/**
 * The import's limits, apart from the importers so that a command can name them in its help
 * without loading a parser.
 */

/** Files larger than this are refused unless the user raises it (CLI --max-file-mb). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
