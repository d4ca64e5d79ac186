/** The engine version written into every result; a test keeps it equal to package.json. */
export const ENGINE_VERSION = "0.1.0";
